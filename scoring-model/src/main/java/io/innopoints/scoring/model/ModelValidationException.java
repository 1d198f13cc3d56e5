package io.innopoints.scoring.model;

import io.innopoints.schemas.validation.Problem;
import java.util.List;

/** A model file that cannot be used; the message lists every problem with its path, one per line. */
public final class ModelValidationException extends RuntimeException {
    private final String source;
    private final transient List<Problem> problems;

    public ModelValidationException(String source, List<Problem> problems) {
        super(message(source, problems), null, false, false);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(String source, List<Problem> problems) {
        StringBuilder sb = new StringBuilder("scoring model ").append(source).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (Problem p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}

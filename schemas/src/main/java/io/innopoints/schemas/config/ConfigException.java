package io.innopoints.schemas.config;

import java.util.List;

/**
 * A configuration that cannot be used: every problem found, each naming its key (or flag) and the reason, so one
 * start-up reports all typos and bad values at once. Apps print {@link #getMessage()} and exit non-zero; never a
 * stack trace.
 */
public final class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One problem: {@code key: reason}. */
    public ConfigException(String key, String reason) {
        this(List.of(key + ": " + reason));
    }

    /** Each problem as {@code key: reason}, sorted by key. */
    public List<String> problems() {
        return problems;
    }
}

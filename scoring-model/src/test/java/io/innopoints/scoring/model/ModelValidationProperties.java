package io.innopoints.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.validation.Validated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever is wrong with a model file, validation answers with problems, never an exception. */
class ModelValidationProperties {
    private static final String[] JUNK = {"", "-1", "x", "[]", "{}", "null", "{kind: x}", "\"\"", "1e309", "[a, b]",
            "{id: nope}", "~", "NaN", "'", "INVENTION"};
    private static final List<String> LINES;

    static {
        try (InputStream in = ModelValidationProperties.class.getClassLoader()
                .getResourceAsStream("models/zone-20n.yaml")) {
            LINES = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 400)
    void shouldReportProblemsInsteadOfThrowingForAnyCorruption(@ForAll @IntRange(min = 0, max = 10_000) int line,
                                                               @ForAll @IntRange(min = 0, max = 2) int mutation,
                                                               @ForAll @IntRange(min = 0, max = 14) int junk) {
        // Given the zone model with one line deleted, or one value replaced by junk
        List<String> lines = new ArrayList<>(LINES);
        int at = line % lines.size();
        String original = lines.get(at);
        switch (mutation) {
            case 0 -> lines.remove(at);
            case 1 -> {
                int colon = original.lastIndexOf(": ");
                lines.set(at, colon < 0 ? JUNK[junk] : original.substring(0, colon + 2) + JUNK[junk]);
            }
            default -> lines.set(at, original.replaceFirst("\\d+", JUNK[junk]));
        }

        // When
        Validated<ScoringModel> result = ScoringModel.validate(String.join("\n", lines), "mutated");

        // Then: either it is still a valid model or every problem names a path
        if (!result.isOk()) {
            assertThat(result.problems()).allSatisfy(p -> {
                assertThat(p.field()).isNotBlank();
                assertThat(p.reason()).isNotBlank();
            });
        }
    }
}

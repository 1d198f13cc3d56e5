package io.innopoints.schemas.validation;

import java.util.Objects;

/**
 * One thing wrong with one field of an input: {@code field} is a path such as {@code creditCode},
 * {@code entries[3].amountFen} or {@code $} for the whole input; {@code reason} says what is wrong.
 */
public record Problem(String field, String reason) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}

package io.innopoints.schemas.validation;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A value or the list of problems that prevented it: the domain's way to report bad input without
 * exceptions, so callers can route it (to a dead-letter topic, an HTTP 400 or an error report).
 */
public sealed interface Validated<T> {

    static <T> Validated<T> ok(T value) {
        return new Ok<>(Objects.requireNonNull(value));
    }

    static <T> Validated<T> invalid(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one problem");
        }
        return new Invalid<>(List.copyOf(problems));
    }

    static <T> Validated<T> invalid(String field, String reason) {
        return invalid(List.of(new Problem(field, reason)));
    }

    boolean isOk();

    /** The value; throws when invalid. */
    T value();

    /** The problems; empty when ok. */
    List<Problem> problems();

    default <R> Validated<R> map(Function<? super T, ? extends R> f) {
        return isOk() ? ok(f.apply(value())) : invalid(problems());
    }

    default <R> Validated<R> flatMap(Function<? super T, Validated<R>> f) {
        return isOk() ? f.apply(value()) : invalid(problems());
    }

    /** All problems as one line, e.g. for logs and error summaries. */
    default String summary() {
        return problems().stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse("ok");
    }

    record Ok<T>(T value) implements Validated<T> {
        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public List<Problem> problems() {
            return List.of();
        }
    }

    record Invalid<T>(List<Problem> problems) implements Validated<T> {
        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("invalid: " + summary());
        }
    }
}

package io.innopoints.schemas.registry;

import java.util.List;

/**
 * Outcome of a compatibility check: whether the candidate schema may be registered and, when not, one
 * human-readable message per problem (Confluent's {@code is_compatible} and verbose {@code messages}).
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    public static CompatibilityResult ok() {
        return new CompatibilityResult(true, List.of());
    }

    public static CompatibilityResult incompatible(List<String> messages) {
        return new CompatibilityResult(false, messages);
    }
}

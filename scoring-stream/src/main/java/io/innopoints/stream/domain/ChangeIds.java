package io.innopoints.stream.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids of ranking changes: a name-based UUID of (cause, cohort, subject, kind), where the cause is the
 * mover and the revision that moved it. Replaying the same input after a crash yields the same ids.
 */
public final class ChangeIds {
    private ChangeIds() {
    }

    public static String of(String cause, String cohortId, String subject, String kind) {
        String name = cause + "|" + cohortId + "|" + subject + "|" + kind;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package io.innopoints.schemas.registry;

import java.util.Objects;

/**
 * One change to a registry's state, as appended to its journal (the embedded server's {@code _schemas} topic).
 * Replaying the same entries in the same order rebuilds the same state: same ids, versions and levels.
 */
public sealed interface RegistryEntry {

    /**
     * A subject's version: the schema (canonical JSON), its global id and whether the version was deleted.
     * Journal key: (subject, version).
     */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements RegistryEntry {
        public SchemaVersion {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** A compatibility level: global when {@code subject} is null; {@code level} null removes it. Key: subject. */
    record Config(String subject, Compatibility level) implements RegistryEntry {
    }
}

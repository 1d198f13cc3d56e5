package io.innopoints.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry API as InnoPoints uses it. {@link RestSchemaRegistryClient} speaks it over HTTP
 * to any Confluent-compatible registry (ours or Confluent's); {@link InMemorySchemaRegistryClient} has the same
 * semantics without a server, for unit and TopologyTestDriver tests. Every failure is a {@link RegistryException}
 * carrying Confluent's {@code error_code}.
 */
public interface SchemaRegistryClient {
    /** Version selector meaning the newest version ("latest" in URLs). */
    int LATEST = -1;

    /**
     * Registers a schema under a subject ({@code POST /subjects/{s}/versions}) or returns the id it already has.
     *
     * @return the global schema id
     * @throws RegistryException 409 when incompatible with the subject's level, 42201 when invalid
     */
    int register(String subject, Schema schema);

    /** The schema with this global id ({@code GET /schemas/ids/{id}}); 40403 when unknown. */
    Schema getById(int id);

    /** The version of this subject holding exactly this schema ({@code POST /subjects/{s}}), if any. */
    Optional<RegisteredSchema> lookup(String subject, Schema schema);

    /**
     * Whether the schema could be registered under the subject now, with the reasons when not
     * ({@code POST /compatibility/subjects/{s}/versions/latest?verbose=true}).
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** The global default level ({@code GET /config}). */
    Compatibility getCompatibility();

    /** The level in force for a subject: its own or else the global one ({@code GET /config/{s}}). */
    Compatibility getCompatibility(String subject);

    /** Sets the global default level ({@code PUT /config}). */
    void setCompatibility(Compatibility level);

    /** Sets a subject's own level ({@code PUT /config/{s}}). */
    void setCompatibility(String subject, Compatibility level);

    /** All subjects with at least one live version ({@code GET /subjects}). */
    List<String> subjects();

    /** A subject's live version numbers, ascending ({@code GET /subjects/{s}/versions}); 40401 when unknown. */
    List<Integer> versions(String subject);

    /**
     * One version of a subject ({@code GET /subjects/{s}/versions/{v}}); {@link #LATEST} for the newest.
     *
     * @throws RegistryException 40401 unknown subject, 40402 unknown version
     */
    RegisteredSchema getVersion(String subject, int version);

    default RegisteredSchema getLatest(String subject) {
        return getVersion(subject, LATEST);
    }
}

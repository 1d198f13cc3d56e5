package io.innopoints.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry client without a server, for unit and TopologyTestDriver tests: the same ids, versions, lookups,
 * compatibility enforcement and error codes as the embedded registry server, because both run
 * {@link RegistryCore}. State lives in this instance only; create one per test.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final RegistryCore core = RegistryCore.inMemory();

    @Override
    public int register(String subject, Schema schema) {
        return core.register(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        return core.schemaById(id);
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            return Optional.of(core.lookup(subject, schema));
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == RegistryException.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        return core.testCompatibility(subject, "latest", schema);
    }

    @Override
    public Compatibility getCompatibility() {
        return core.globalLevel();
    }

    @Override
    public Compatibility getCompatibility(String subject) {
        return core.effectiveLevel(subject);
    }

    @Override
    public void setCompatibility(Compatibility level) {
        core.setLevel(null, level);
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        core.setLevel(subject, level);
    }

    @Override
    public List<String> subjects() {
        return core.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return core.versions(subject);
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return core.version(subject, version == LATEST ? "latest" : Integer.toString(version));
    }
}

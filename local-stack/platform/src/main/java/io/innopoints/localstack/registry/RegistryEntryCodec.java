package io.innopoints.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.registry.Compatibility;
import io.innopoints.schemas.registry.RegistryEntry;
import java.io.IOException;
import java.util.Optional;

/**
 * Record format of the {@code _schemas} topic, following Confluent's: JSON keys and values, compacted by key.
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 * value {"subject":"s","version":1,"id":7,"schema":"&lt;canonical Avro JSON&gt;","deleted":false}
 * key   {"keytype":"CONFIG","subject":"s"|null,"magic":0}
 * value {"compatibilityLevel":"BACKWARD"}   (null value = subject level removed)
 * </pre>
 * Other key types (Confluent's NOOP, MODE, …) and unreadable records are skipped.
 */
final class RegistryEntryCodec {
    private final ObjectMapper json = new ObjectMapper();

    String key(RegistryEntry entry) {
        ObjectNode key = json.createObjectNode();
        if (entry instanceof RegistryEntry.SchemaVersion sv) {
            key.put("keytype", "SCHEMA").put("subject", sv.subject()).put("version", sv.version()).put("magic", 1);
        } else {
            RegistryEntry.Config config = (RegistryEntry.Config) entry;
            key.put("keytype", "CONFIG");
            if (config.subject() == null) {
                key.putNull("subject");
            } else {
                key.put("subject", config.subject());
            }
            key.put("magic", 0);
        }
        return key.toString();
    }

    /** The value, or null (a tombstone) for a removed subject level. */
    String value(RegistryEntry entry) {
        if (entry instanceof RegistryEntry.SchemaVersion sv) {
            return json.createObjectNode().put("subject", sv.subject()).put("version", sv.version()).put("id", sv.id())
                    .put("schema", sv.schema()).put("deleted", sv.deleted()).toString();
        }
        RegistryEntry.Config config = (RegistryEntry.Config) entry;
        return config.level() == null ? null
                : json.createObjectNode().put("compatibilityLevel", config.level().name()).toString();
    }

    /** Decodes a record; empty for key types this registry does not use. @throws IOException when malformed */
    Optional<RegistryEntry> decode(String keyText, String valueText) throws IOException {
        JsonNode key = json.readTree(keyText);
        String keyType = key.path("keytype").asText("");
        JsonNode subjectNode = key.path("subject");
        String subject = subjectNode.isMissingNode() || subjectNode.isNull() ? null : subjectNode.asText();
        switch (keyType) {
            case "SCHEMA" -> {
                if (valueText == null) {
                    return Optional.empty(); // hard delete: this registry never writes them, nothing to undo
                }
                JsonNode value = json.readTree(valueText);
                return Optional.of(new RegistryEntry.SchemaVersion(value.path("subject").asText(subject),
                        value.path("version").asInt(key.path("version").asInt()), value.path("id").asInt(),
                        value.path("schema").asText(), value.path("deleted").asBoolean(false)));
            }
            case "CONFIG" -> {
                if (valueText == null) {
                    return Optional.of(new RegistryEntry.Config(subject, null));
                }
                JsonNode value = json.readTree(valueText);
                return Optional.of(new RegistryEntry.Config(subject,
                        Compatibility.parse(value.path("compatibilityLevel").asText())));
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}

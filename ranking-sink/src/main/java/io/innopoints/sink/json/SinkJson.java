package io.innopoints.sink.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The sink's one configured JSON mapper: what the HTTP app writes (instants as ISO-8601 text, not numbers), what the
 * CSV writer flattens and what the store reads its JSON columns with. Configured once here so every answer and
 * every stored document is read and written the same way. Request bodies are parsed with the project's strict
 * reader ({@link io.innopoints.schemas.json.AvroJson#mapper()}: duplicate keys and trailing text are errors).
 */
public final class SinkJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private SinkJson() {
    }

    /** The mapper; shared and thread-safe — never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A JSON text the sink stored itself (a column): unreadable text is a broken database, not a bad request. */
    public static JsonNode stored(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getMessage(), e);
        }
    }
}

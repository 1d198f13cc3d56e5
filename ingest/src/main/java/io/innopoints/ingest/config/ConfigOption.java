package io.innopoints.ingest.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One declared configuration option of the ingest service: its property key, environment variable, type name,
 * default, one-line documentation and parser. Declared once in {@link IngestOptions}; the README table is
 * generated from these declarations and a test keeps the two equal.
 *
 * @param <T> the parsed type
 */
public record ConfigOption<T>(String key, String env, String type, String defaultValue, String doc,
                              Function<String, T> parser) {
    public ConfigOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(parser, "parser");
    }

    /** Parses a raw value, wrapping any failure in a {@link ConfigException} that names this key. */
    public T parse(String raw) {
        try {
            return parser.apply(raw.trim());
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(key, "'" + raw + "' is not a valid " + type
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}

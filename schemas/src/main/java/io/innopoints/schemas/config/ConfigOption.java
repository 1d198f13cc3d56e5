package io.innopoints.schemas.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One declared option of an app: property key, type (as the README shows it), default ({@code null} = required),
 * one-line documentation and the parser that validates a raw value (its exception message is the reason, without
 * the key). The environment variable is derived by the app's {@link ConfigSpec} unless {@code env} names one.
 * Declared once per app in its {@code config} package; the README table is generated from the declarations.
 *
 * @param <T> the parsed type
 */
public record ConfigOption<T>(String key, String type, String defaultValue, String doc, Function<String, T> parser,
                              String env) {
    public ConfigOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(parser, "parser");
    }

    /** An option with the default environment variable of its app. */
    public static <T> ConfigOption<T> of(String key, String type, String defaultValue, String doc,
                                         Function<String, T> parser) {
        return new ConfigOption<>(key, type, defaultValue, doc, parser, null);
    }

    /** An option that must be set. */
    public static <T> ConfigOption<T> required(String key, String type, String doc, Function<String, T> parser) {
        return new ConfigOption<>(key, type, null, doc, parser, null);
    }

    /** This option read from a fixed environment variable (shared by every app, e.g. KAFKA_BOOTSTRAP_SERVERS). */
    public ConfigOption<T> withEnv(String variable) {
        return new ConfigOption<>(key, type, defaultValue, doc, parser, variable);
    }

    /** The same option with another default (the apps share Kafka's and the registry's keys, not their defaults). */
    public ConfigOption<T> withDefault(String value) {
        return new ConfigOption<>(key, type, value, doc, parser, env);
    }

    public boolean isRequired() {
        return defaultValue == null;
    }

    /** Parses a raw value; the thrown message names the key and the reason. */
    public T parse(String raw) {
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? "is not a valid " + type : e.getMessage();
            throw new ConfigException(key, "'" + raw + "': " + reason);
        }
    }
}

package io.innopoints.schemas.serde;

import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kafka-property keys our serde understands (Confluent's names), parsed once in {@code configure()}.
 *
 * <table>
 * <caption>keys</caption>
 * <tr><td>{@value #SCHEMA_REGISTRY_URL}</td><td>comma-separated registry URLs (required unless a client is passed in code)</td></tr>
 * <tr><td>{@value #AUTO_REGISTER_SCHEMAS}</td><td>register the writer schema on first use (default true); false = look it up, fail if absent</td></tr>
 * <tr><td>{@value #SPECIFIC_VALUE_TYPE} / {@value #SPECIFIC_KEY_TYPE}</td><td>class to read values/keys into (generated record or java.lang.String); absent = the writer's schema (generic)</td></tr>
 * <tr><td>{@value #BASIC_AUTH_USER_INFO}</td><td>{@code user:password} for HTTP basic auth</td></tr>
 * <tr><td>{@value #REQUEST_TIMEOUT_MS}</td><td>registry request timeout (default 30000)</td></tr>
 * </table>
 */
public record AvroSerdeConfig(String registryUrl, boolean autoRegister, Class<?> keyType, Class<?> valueType,
                              String basicAuthUserInfo, Duration requestTimeout) {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";
    public static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    /**
     * Parses the keys from Kafka client properties.
     *
     * @throws ConfigException naming the key and the reason
     */
    public static AvroSerdeConfig from(Map<String, ?> props) {
        Object url = props.get(SCHEMA_REGISTRY_URL);
        return new AvroSerdeConfig(url == null ? null : url.toString().trim(),
                bool(props, AUTO_REGISTER_SCHEMAS, true),
                type(props, SPECIFIC_KEY_TYPE), type(props, SPECIFIC_VALUE_TYPE),
                props.get(BASIC_AUTH_USER_INFO) == null ? null : props.get(BASIC_AUTH_USER_INFO).toString(),
                Duration.ofMillis(longValue(props, REQUEST_TIMEOUT_MS, 30_000)));
    }

    /** A REST client for {@link #registryUrl()}. @throws ConfigException when the URL is missing or bad */
    public SchemaRegistryClient newClient() {
        if (registryUrl == null || registryUrl.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, registryUrl,
                    "is required: the URL of the Confluent-compatible schema registry, e.g. http://127.0.0.1:8081");
        }
        try {
            return new RestSchemaRegistryClient(registryUrl, basicAuthUserInfo, Duration.ofSeconds(10), requestTimeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, registryUrl, e.getMessage());
        }
    }

    private static boolean bool(Map<String, ?> props, String key, boolean fallback) {
        Object value = props.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "must be true or false");
    }

    private static long longValue(Map<String, ?> props, String key, long fallback) {
        Object value = props.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
            if (parsed <= 0) {
                throw new ConfigException(key, value, "must be a positive number of milliseconds");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be a positive number of milliseconds");
        }
    }

    private static Class<?> type(Map<String, ?> props, String key) {
        Object value = props.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Class<?> c) {
            return c;
        }
        try {
            return Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : AvroSerdeConfig.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, value, "class not found on the classpath");
        }
    }
}

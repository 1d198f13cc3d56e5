package io.innopoints.sink.config;

import io.innopoints.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ranking-sink's whole configuration, parsed once at start-up from properties and the environment (the
 * environment wins). Own options are {@link SinkOption}s; {@code kafka.<client-key>} (env {@code KAFKA_<KEY>}) passes
 * through to every Kafka client; {@code topic.<default-name>} (env {@code TOPIC_<DEFAULT_NAME>}) renames topics.
 * Any other key is rejected, so a typo fails fast with its name instead of being ignored.
 */
public record SinkConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String groupId,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        int jdbcPoolSize,
        int httpPort,
        Duration pollTimeout,
        int dbRetryMaxAttempts,
        Duration dbRetryBackoff,
        boolean lagEnabled,
        Duration lagInterval,
        int lagWindowSamples,
        boolean consumeEnabled,
        Map<String, String> kafka,
        TopicCatalog topics) {

    public SinkConfig {
        kafka = Map.copyOf(kafka);
    }

    /**
     * Parses properties overlaid with environment variables.
     *
     * @throws IllegalArgumentException naming the offending key(s) and the reason
     */
    public static SinkConfig load(Map<String, String> properties, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(fromEnvironment(environment));

        List<String> problems = new ArrayList<>();
        Map<SinkOption, Object> values = new EnumMap<>(SinkOption.class);
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> topicNames = new HashMap<>();
        for (Map.Entry<String, String> e : merged.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("kafka.")) {
                kafka.put(key.substring("kafka.".length()), e.getValue());
            } else if (key.startsWith("topic.")) {
                topicNames.put(key, e.getValue());
            } else if (SinkOption.byKey(key).isEmpty()) {
                problems.add(key + ": unknown option (own options: see README; Kafka client settings take the prefix 'kafka.')");
            }
        }
        for (SinkOption option : SinkOption.values()) {
            String raw = merged.get(option.key());
            if (raw == null) {
                raw = option.defaultValue().orElse(null);
            }
            if (raw == null) {
                problems.add(option.key() + ": required (env " + option.envName() + ")");
                continue;
            }
            try {
                values.put(option, option.parse(raw));
            } catch (IllegalArgumentException ex) {
                problems.add(option.key() + ": " + ex.getMessage());
            }
        }
        TopicCatalog topics = null;
        try {
            topics = TopicCatalog.from(topicNames);
        } catch (IllegalArgumentException ex) {
            problems.add(ex.getMessage());
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
        }
        return new SinkConfig(
                (String) values.get(SinkOption.BOOTSTRAP_SERVERS),
                (String) values.get(SinkOption.SCHEMA_REGISTRY_URL),
                (String) values.get(SinkOption.GROUP_ID),
                (String) values.get(SinkOption.JDBC_URL),
                (String) values.get(SinkOption.JDBC_USER),
                (String) values.get(SinkOption.JDBC_PASSWORD),
                (Integer) values.get(SinkOption.JDBC_POOL_SIZE),
                (Integer) values.get(SinkOption.HTTP_PORT),
                Duration.ofMillis((Integer) values.get(SinkOption.POLL_TIMEOUT_MS)),
                (Integer) values.get(SinkOption.DB_RETRY_MAX_ATTEMPTS),
                Duration.ofMillis((Integer) values.get(SinkOption.DB_RETRY_BACKOFF_MS)),
                (Boolean) values.get(SinkOption.LAG_ENABLED),
                Duration.ofMillis((Integer) values.get(SinkOption.LAG_INTERVAL_MS)),
                (Integer) values.get(SinkOption.LAG_WINDOW_SAMPLES),
                (Boolean) values.get(SinkOption.CONSUME_ENABLED),
                kafka,
                topics);
    }

    /** Properties for a Kafka client: the pass-through {@code kafka.*} settings plus the bootstrap servers. */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /** True when the JDBC URL points at SQLite. */
    public boolean sqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /**
     * Maps environment variables to keys: each option's {@link SinkOption#envName()}, {@code KAFKA_X_Y} to
     * {@code kafka.x.y}, {@code TOPIC_X_Y} to {@code topic.x-y}. Unrelated variables are ignored.
     */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            SinkOption option = null;
            for (SinkOption o : SinkOption.values()) {
                if (o.envName().equals(name)) {
                    option = o;
                }
            }
            if (option != null) {
                out.put(option.key(), e.getValue());
            } else if (name.startsWith("KAFKA_")) {
                out.put("kafka." + name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.'), e.getValue());
            } else if (name.startsWith("TOPIC_")) {
                out.put("topic." + name.substring(6).toLowerCase(Locale.ROOT).replace('_', '-'), e.getValue());
            }
        }
        return out;
    }

    /** Hides the password in logs. */
    @Override
    public String toString() {
        return "SinkConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", groupId=" + groupId + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser
                + ", httpPort=" + httpPort + ", topics=" + topics.all() + ", kafka=" + kafka.keySet() + "]";
    }
}

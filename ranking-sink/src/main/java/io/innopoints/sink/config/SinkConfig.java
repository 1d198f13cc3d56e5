package io.innopoints.sink.config;

import io.innopoints.schemas.config.ConfigException;
import io.innopoints.schemas.config.Settings;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.access.AccessConfig;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.credit.CreditProgrammes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranking-sink's whole configuration, resolved once at start-up (defaults &lt; properties &lt; environment &lt;
 * flags, see {@link io.innopoints.schemas.config.ConfigSpec}). Own options are {@link SinkOptions};
 * {@code kafka.<client-key>} (env {@code KAFKA_<KEY>}) passes through to every Kafka client;
 * {@code topic.<default-name>} (env {@code TOPIC_<DEFAULT_NAME>}) renames topics. Any other key is rejected, so a
 * typo fails fast with its name instead of being ignored.
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
        TopicCatalog topics,
        String whatifModelFiles,
        AccessConfig access,
        List<CreditProgramme> creditProgrammes,
        boolean creditEventsEnabled,
        Duration creditRefresh,
        int ingestRejectionsRetentionDays,
        String releaseReportFont) {

    public SinkConfig {
        kafka = Map.copyOf(kafka);
        creditProgrammes = List.copyOf(creditProgrammes);
    }

    /**
     * Resolves properties overlaid with environment variables.
     *
     * @throws ConfigException naming every offending key and the reason
     */
    public static SinkConfig load(Map<String, String> properties, Map<String, String> environment) {
        return from(SinkOptions.SPEC.resolve(properties, environment, Map.of()));
    }

    /** Builds the record from resolved settings; throws {@link ConfigException} naming the key. */
    public static SinkConfig from(Settings s) {
        TopicCatalog topics;
        try {
            topics = TopicCatalog.from(s.raw());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
        return new SinkConfig(s.get(SinkOptions.BOOTSTRAP_SERVERS), s.get(SinkOptions.SCHEMA_REGISTRY_URL),
                s.get(SinkOptions.GROUP_ID), s.get(SinkOptions.JDBC_URL), s.get(SinkOptions.JDBC_USER),
                s.get(SinkOptions.JDBC_PASSWORD), s.get(SinkOptions.JDBC_POOL_SIZE), s.get(SinkOptions.HTTP_PORT),
                s.get(SinkOptions.POLL_TIMEOUT_MS), s.get(SinkOptions.DB_RETRY_MAX_ATTEMPTS),
                s.get(SinkOptions.DB_RETRY_BACKOFF_MS), s.get(SinkOptions.LAG_ENABLED), s.get(SinkOptions.LAG_INTERVAL_MS),
                s.get(SinkOptions.LAG_WINDOW_SAMPLES), s.get(SinkOptions.CONSUME_ENABLED), s.withPrefix("kafka."),
                topics, s.get(SinkOptions.WHATIF_MODEL_FILES), AccessConfig.from(s),
                CreditProgrammes.from(s.raw()), s.get(SinkOptions.CREDIT_EVENTS_ENABLED), s.get(SinkOptions.CREDIT_REFRESH_MS),
                s.get(SinkOptions.INGEST_REJECTIONS_RETENTION_DAYS), s.get(SinkOptions.RELEASE_REPORT_FONT));
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

    /** Hides the password in logs. */
    @Override
    public String toString() {
        return "SinkConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", groupId=" + groupId + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser
                + ", httpPort=" + httpPort + ", topics=" + topics.all() + ", kafka=" + kafka.keySet() + ", principals=" + access.grants().size()
                + ", jwt=" + (access.jwt() == null ? "off" : access.jwt().jwksUrl())
                + ", creditProgrammes=" + creditProgrammes.stream().map(CreditProgramme::id).toList() + "]";
    }
}

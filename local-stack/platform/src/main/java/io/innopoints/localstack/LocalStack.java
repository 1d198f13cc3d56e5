package io.innopoints.localstack;

import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.localstack.registry.EmbeddedSchemaRegistry;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded platform: Kafka broker(s) ({@link EmbeddedKafka}) plus the Confluent-compatible schema
 * registry storing its schemas in the compacted {@code _schemas} topic of those brokers. Creates the topics of a
 * {@link TopicCatalog} with their cleanup policy. Start with {@link #builder()}; close to stop both.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    /** Where the registry keeps its schemas (Confluent's default name). */
    public static final String SCHEMAS_TOPIC = "_schemas";

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final SchemaRegistryClient registryClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
        this.registryClient = new RestSchemaRegistryClient(registry.url());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One broker in a temporary directory, registry on an ephemeral port: what a test needs. */
    public static LocalStack ephemeral() {
        return builder().start();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Base URL of the schema registry, e.g. {@code http://localhost:8081}. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** A REST client of the embedded registry (the same client the apps use against a real one). */
    public SchemaRegistryClient registryClient() {
        return registryClient;
    }

    /**
     * Creates every topic of {@code catalog} that does not exist yet: compacted ones with
     * {@code cleanup.policy=compact}, the others with {@code delete}; replication is the broker default.
     *
     * @return the names created
     */
    public Set<String> createTopics(TopicCatalog catalog, int partitions) {
        return kafka.createTopics(catalog.newTopics(partitions, Optional.empty()));
    }

    /** Stops the registry, then the brokers. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }

    /** Fails before the broker starts when the registry could not bind its port (it listens on 127.0.0.1). */
    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("schema registry port " + port + " is not available (" + e.getMessage()
                    + "); is another registry running? Choose another port.", e);
        }
    }

    /** How to start a {@link LocalStack}; defaults: one broker, temporary data, ephemeral ports. */
    public static final class Builder {
        private int brokers = 1;
        private Path dataDir;
        private int kafkaPort;
        private int registryPort;

        private Builder() {
        }

        /** 1 (default): the production single node; more: a test-kit cluster (tests only). */
        public Builder brokers(int brokers) {
            this.brokers = brokers;
            return this;
        }

        /** Persistent Kafka data (single node); {@code null} (default) for a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Kafka client port of the single node; 0 (default) for ephemeral. */
        public Builder kafkaPort(int kafkaPort) {
            this.kafkaPort = kafkaPort;
            return this;
        }

        /** Registry HTTP port; 0 (default) for ephemeral. */
        public Builder registryPort(int registryPort) {
            if (registryPort < 0 || registryPort > 65535) {
                throw new IllegalArgumentException("registryPort: must be 0..65535, was " + registryPort);
            }
            this.registryPort = registryPort;
            return this;
        }

        public LocalStack start() {
            if (registryPort != 0) {
                requireFree(registryPort);
            }
            EmbeddedKafka.Builder kafkaBuilder = EmbeddedKafka.builder().brokers(brokers).dataDir(dataDir);
            if (kafkaPort != 0) {
                kafkaBuilder.port(kafkaPort);
            }
            EmbeddedKafka kafka = kafkaBuilder.start();
            try {
                // created here so the registry starts only once its topic is usable on the broker(s)
                kafka.createTopics(List.of(new NewTopic(SCHEMAS_TOPIC, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), registryPort, SCHEMAS_TOPIC);
                LocalStack stack = new LocalStack(kafka, registry);
                log.info("Local stack ready: Kafka {} | schema registry {}", stack.bootstrapServers(),
                        stack.schemaRegistryUrl());
                return stack;
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
        }
    }
}

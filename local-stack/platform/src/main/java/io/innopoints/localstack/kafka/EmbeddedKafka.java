package io.innopoints.localstack.kafka;

import io.innopoints.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka (KRaft) platform inside this JVM, built from Kafka's own server code.
 *
 * <ul>
 *   <li>{@link #singleNode(Path)}: one combined broker+controller started through the broker's production entry
 *       points: the storage tool's {@code format} (only when the data directory is not formatted yet), then
 *       {@code kafka.server.KafkaRaftServer}, exactly what {@code kafka-storage.sh format} and {@code kafka.Kafka}
 *       do. Configured for exactly-once on one broker (replication 1, transaction and share-coordinator state
 *       topics with min ISR 1). A persistent data directory survives restarts with its topics and records.</li>
 *   <li>{@link #cluster(int)}: N brokers plus one separate KRaft controller from Kafka's test kit
 *       ({@code KafkaClusterTestKit}), default replication 3 (or N if smaller) and {@code min.insync.replicas} 2,
 *       for reliability tests that stop and restart brokers. Three combined nodes crash at start-up in the kit,
 *       hence the separate controller.</li>
 * </ul>
 *
 * Topics are never auto-created: every topic must be created explicitly ({@link #createTopics}), so a wrong topic
 * name fails fast instead of silently writing somewhere else. Brokers live in the caller's JVM: give that JVM a
 * heap of at least ~256 MB per broker ({@code -Xmx}).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Nodes nodes;
    private final String bootstrapServers;
    private final Admin admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(Nodes nodes) {
        this.nodes = nodes;
        this.bootstrapServers = nodes.bootstrapServers();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin"));
    }

    /**
     * One broker+controller on ephemeral ports.
     *
     * @param dataDir where the logs and metadata live; {@code null} for a temporary directory deleted on close.
     *     An existing formatted directory is reused as is (restart keeps topics and records).
     */
    public static EmbeddedKafka singleNode(Path dataDir) {
        return builder().dataDir(dataDir).start();
    }

    /** {@code brokers} brokers and one controller on ephemeral ports in a temporary directory. */
    public static EmbeddedKafka cluster(int brokers) {
        return builder().brokers(brokers).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port[,host:port…]} of every broker; stays valid across {@link #restartBroker(int)}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Number of brokers (running or stopped). */
    public int brokerCount() {
        return nodes.brokerCount();
    }

    /** A shared admin client; closed with this platform, do not close it yourself. */
    public Admin admin() {
        return admin;
    }

    /**
     * Creates a topic with the broker's default replication.
     *
     * @param compacted {@code cleanup.policy=compact} when true, {@code delete} otherwise
     * @return true when created, false when a topic of that name already existed
     */
    public boolean createTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
        return !createTopics(List.of(topic)).isEmpty();
    }

    /**
     * Creates the topics that do not exist yet and waits until clients can use them.
     *
     * @return the names actually created (existing ones are left as they are: restarting on persistent data
     *     must not fail)
     */
    public Set<String> createTopics(Collection<NewTopic> topics) {
        Set<String> created = TopicCatalog.createMissing(admin, topics, READY_TIMEOUT);
        awaitUsable(created);
        return created;
    }

    /**
     * Waits until every partition of {@code topics} has a leader that answers offset requests: the controller
     * acknowledges creation before the brokers' metadata caches know the topic, and clients that ask in between
     * get UNKNOWN_TOPIC_OR_PARTITION.
     */
    private void awaitUsable(Set<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Waits.until("topics " + topics + " usable", READY_TIMEOUT, Duration.ofMillis(50), () -> {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest())));
            admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
            return true;
        });
    }

    /** Controlled shutdown of the broker at {@code index} (0-based); its data stays. No-op if already stopped. */
    public void stopBroker(int index) {
        checkOpen();
        long start = System.nanoTime();
        nodes.stopBroker(checkIndex(index));
        log.info("Broker {} stopped in {} ms", index, (System.nanoTime() - start) / 1_000_000);
    }

    /** Starts the broker at {@code index} again on the same port and data, and waits until it serves clients. */
    public void restartBroker(int index) {
        checkOpen();
        long start = System.nanoTime();
        nodes.restartBroker(checkIndex(index));
        awaitBrokers(nodes.runningBrokers());
        log.info("Broker {} restarted in {} ms", index, (System.nanoTime() - start) / 1_000_000);
    }

    /** Stops every broker and controller; deletes temporary data. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        admin.close(Duration.ofSeconds(5));
        nodes.close();
    }

    /** Waits until the cluster metadata lists exactly {@code expected} live (unfenced) brokers. */
    void awaitBrokers(int expected) {
        Waits.until("" + expected + " live broker(s) at " + bootstrapServers, READY_TIMEOUT, Duration.ofMillis(100),
                () -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == expected);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= nodes.brokerCount()) {
            throw new IllegalArgumentException("broker index " + index + " out of range 0.." + (nodes.brokerCount() - 1));
        }
        return index;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("EmbeddedKafka is closed");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /** The brokers behind the facade: the production single node or a test cluster ({@link ClusterFactory}). */
    public interface Nodes {
        String bootstrapServers();

        int brokerCount();

        int runningBrokers();

        void stopBroker(int index);

        void restartBroker(int index);

        void close();
    }

    /**
     * Starts more than one broker. The production jars have none: the implementation (Kafka's own test kit) is in
     * {@code local-stack-test-kit}, found with {@link ServiceLoader} when it is on the class path.
     */
    public interface ClusterFactory {
        Nodes start(int brokers, Map<String, String> overrides);
    }

    private static Nodes cluster(int brokers, Map<String, String> overrides) {
        ClusterFactory factory = ServiceLoader.load(ClusterFactory.class).findFirst().orElseThrow(() ->
                new IllegalStateException("brokers: " + brokers + " needs a multi-broker cluster, which comes with "
                        + "local-stack-test-kit (not on the class path); the local platform runs one node"));
        return factory.start(brokers, overrides);
    }

    /** How to start the platform; {@link #start()} blocks until every broker serves clients. */
    public static final class Builder {
        private int brokers = 1;
        private Path dataDir;
        private int port;
        private int controllerPort;
        private String host = "localhost";
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** 1 (default) for the production single node; more for a test-kit cluster with a separate controller. */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers: must be at least 1, was " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /** Persistent data directory (single node only); {@code null} (default) for a temporary one. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Client port of the single node; 0 (default) for an ephemeral port. */
        public Builder port(int port) {
            this.port = checkPort("port", port);
            return this;
        }

        /** KRaft controller port of the single node; 0 (default) for an ephemeral port. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort("controllerPort", controllerPort);
            return this;
        }

        /** Host name the single node binds to and advertises (default {@code localhost}). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Any broker configuration, overriding the defaults (e.g. {@code log.retention.ms}). */
        public Builder brokerProperty(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EmbeddedKafka start() {
            if (brokers > 1 && (dataDir != null || port != 0 || controllerPort != 0)) {
                throw new IllegalArgumentException("dataDir and fixed ports are for the single node only; "
                        + "a cluster runs on ephemeral ports in a temporary directory");
            }
            long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            if (heapMb < 256L * brokers) {
                log.warn("Max heap is {} MB for {} in-JVM broker(s); give the JVM -Xmx of at least {} MB",
                        heapMb, brokers, 256 * brokers);
            }
            Nodes nodes = brokers == 1
                    ? SingleNode.start(dataDir, host, port, controllerPort, overrides)
                    : cluster(brokers, overrides);
            EmbeddedKafka kafka;
            try {
                kafka = new EmbeddedKafka(nodes);
                kafka.awaitBrokers(brokers);
            } catch (RuntimeException e) {
                nodes.close();
                throw e;
            }
            log.info("Embedded Kafka ready: {} broker(s) at {}", brokers, kafka.bootstrapServers());
            return kafka;
        }

        private static int checkPort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + ": must be 0..65535, was " + port);
            }
            return port;
        }
    }

    /** Broker defaults shared by both layouts; {@code replication} and {@code minIsr} follow the broker count. */
    public static Map<String, String> commonBrokerConfig(int replication, int minIsr) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("auto.create.topics.enable", "false");
        c.put("default.replication.factor", Integer.toString(replication));
        c.put("min.insync.replicas", Integer.toString(minIsr));
        c.put("offsets.topic.replication.factor", Integer.toString(replication));
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.replication.factor", Integer.toString(replication));
        c.put("transaction.state.log.min.isr", Integer.toString(minIsr));
        c.put("transaction.state.log.num.partitions", "10");
        c.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        c.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        c.put("group.initial.rebalance.delay.ms", "0");
        // the cleaner's 128 MB default dedupe buffer would dominate a test JVM's heap
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        return c;
    }
}

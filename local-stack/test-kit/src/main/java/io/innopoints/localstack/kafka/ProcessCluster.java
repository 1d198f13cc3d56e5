package io.innopoints.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.innopoints.localstack.LocalStack;
import io.innopoints.schemas.topic.TopicCatalog;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster whose nodes are real OS processes, started the way production starts them
 * ({@code kafka.Kafka server.properties} from this JVM's class path): one KRaft controller and {@code brokers}
 * brokers, replication {@code min(3, brokers)}, min ISR {@code replication - 1}. Unlike the in-JVM test kit a broker
 * can be killed for real ({@link #kill}: SIGKILL, no shutdown hook, no clean log close) and started again on its
 * data ({@link #restart}). Logs go to {@code node-<id>.log} in the cluster's directory.
 */
public final class ProcessCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int CONTROLLER_ID = 100;

    private final Path dir;
    private final List<Node> brokers;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private final Map<String, List<CuttableProxy>> proxies = new LinkedHashMap<>();
    private final String bootstrapServers;
    private final Admin admin;

    private ProcessCluster(Path dir, List<Node> brokers) {
        this.dir = dir;
        this.brokers = brokers;
        this.bootstrapServers = String.join(",", brokers.stream().map(n -> n.host() + ":" + n.port()).toList());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "process-cluster-admin"));
    }

    /** Formats and starts a controller and {@code brokers} brokers under {@code dir}; returns once all are up. */
    public static ProcessCluster start(int brokers, Path dir) {
        return start(brokers, dir, List.of());
    }

    /**
     * The same, and for each of {@code clientGroups} (upper-case names) a listener on every broker reached through
     * {@link CuttableProxy}s, so {@link #cut} can partition the clients that bootstrap from
     * {@link #bootstrapServers(String)} away from the cluster while others go on.
     */
    public static ProcessCluster start(int brokers, Path dir, List<String> clientGroups) {
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers: must be at least 1, was " + brokers);
        }
        int replication = Math.min(3, brokers);
        String host = "localhost";
        int controllerPort = ListenPorts.unused();
        String voters = CONTROLLER_ID + "@" + host + ":" + controllerPort;
        String clusterId = Uuid.randomUuid().toString();
        List<Node> nodes = new ArrayList<>();
        for (int id = 1; id <= brokers; id++) {
            nodes.add(new Node(id, host, ListenPorts.unused()));
        }
        ProcessCluster cluster = new ProcessCluster(dir, nodes);
        try {
            Map<String, String> controller = new LinkedHashMap<>();
            controller.put("process.roles", "controller");
            controller.put("node.id", Integer.toString(CONTROLLER_ID));
            controller.put("controller.quorum.voters", voters);
            controller.put("listeners", "CONTROLLER://" + host + ":" + controllerPort);
            controller.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
            controller.put("controller.listener.names", "CONTROLLER");
            cluster.prepare(CONTROLLER_ID, controller, clusterId);
            for (Node n : nodes) {
                Map<String, String> broker = new LinkedHashMap<>(EmbeddedKafka.commonBrokerConfig(replication,
                        Math.max(1, replication - 1)));
                broker.put("process.roles", "broker");
                broker.put("node.id", Integer.toString(n.id()));
                broker.put("controller.quorum.voters", voters);
                StringBuilder listeners = new StringBuilder("PLAINTEXT://" + host + ":" + n.port());
                StringBuilder advertised = new StringBuilder("PLAINTEXT://" + host + ":" + n.port());
                StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
                for (String group : clientGroups) {
                    int real = ListenPorts.unused();
                    CuttableProxy proxy = CuttableProxy.start(ListenPorts.unused(),
                            new InetSocketAddress(host, real));
                    cluster.proxies.computeIfAbsent(group, g -> new ArrayList<>()).add(proxy);
                    listeners.append(',').append(group).append("://").append(host).append(':').append(real);
                    advertised.append(',').append(group).append("://").append(host).append(':')
                            .append(proxy.port());
                    protocols.append(',').append(group).append(":PLAINTEXT");
                }
                broker.put("listeners", listeners.toString());
                broker.put("advertised.listeners", advertised.toString());
                broker.put("listener.security.protocol.map", protocols.toString());
                broker.put("controller.listener.names", "CONTROLLER");
                broker.put("inter.broker.listener.name", "PLAINTEXT");
                // a killed broker is back in the ISR quickly, and a partition never elects a stale leader
                broker.put("unclean.leader.election.enable", "false");
                cluster.prepare(n.id(), broker, clusterId);
            }
            cluster.launch(CONTROLLER_ID);
            for (Node n : nodes) {
                cluster.launch(n.id());
            }
            cluster.awaitBrokers(brokers);
            log.info("process cluster of {} brokers ready at {}", brokers, cluster.bootstrapServers);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Bootstrap servers of a client group: its proxies, which {@link #cut} can partition away. */
    public String bootstrapServers(String clientGroup) {
        return String.join(",", group(clientGroup).stream().map(p -> "localhost:" + p.port()).toList());
    }

    /** Partitions the clients of a group from every broker: connections dropped, new ones refused. */
    public void cut(String clientGroup) {
        group(clientGroup).forEach(CuttableProxy::cut);
        log.info("client group {} cut off", clientGroup);
    }

    /** Ends the partition of {@link #cut}. */
    public void heal(String clientGroup) {
        group(clientGroup).forEach(CuttableProxy::heal);
        log.info("client group {} reconnected", clientGroup);
    }

    private List<CuttableProxy> group(String clientGroup) {
        List<CuttableProxy> group = proxies.get(clientGroup);
        if (group == null) {
            throw new IllegalArgumentException("no client group " + clientGroup + " (have " + proxies.keySet() + ")");
        }
        return group;
    }

    /**
     * Creates the schema registry's compacted topic and every topic of {@code catalog} with {@code partitions}, each
     * replicated to every broker (at most 3); existing ones are kept.
     */
    public void createTopics(TopicCatalog catalog, int partitions) {
        Optional<Short> replication = Optional.of((short) Math.min(3, brokers.size()));
        TopicCatalog.createMissing(admin, List.of(new NewTopic(LocalStack.SCHEMAS_TOPIC, Optional.of(1), replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))), READY_TIMEOUT);
        TopicCatalog.createMissing(admin, catalog.newTopics(partitions, replication), READY_TIMEOUT);
    }

    /** The ids of the brokers (1..n). */
    public List<Integer> brokerIds() {
        return brokers.stream().map(Node::id).toList();
    }

    /** An admin client of the cluster (owned by it). */
    public Admin admin() {
        return admin;
    }

    /** Kills broker {@code id} with SIGKILL and waits until its process is gone. */
    public synchronized void kill(int id) {
        Process p = processes.remove(id);
        if (p == null) {
            throw new IllegalStateException("broker " + id + " is not running");
        }
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("broker " + id + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing broker " + id, e);
        }
        log.info("killed broker {} (SIGKILL)", id);
    }

    /** Starts a killed broker again on its data and waits until the cluster lists it. */
    public synchronized void restart(int id) {
        if (processes.containsKey(id)) {
            throw new IllegalStateException("broker " + id + " is running");
        }
        launch(id);
        Awaitility.await("broker " + id + " back").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                        .anyMatch(n -> n.id() == id));
        log.info("restarted broker {}", id);
    }

    /** Kills every process and deletes nothing: the directory holds the nodes' logs for a failed test to read. */
    @Override
    public synchronized void close() {
        admin.close(Duration.ofSeconds(5));
        proxies.values().forEach(group -> group.forEach(CuttableProxy::close));
        List<Integer> ids = new ArrayList<>(processes.keySet());
        // brokers first, then the controller: a broker stopping without its controller waits for it
        Collections.reverse(ids);
        for (int id : ids) {
            Process p = processes.remove(id);
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private void prepare(int id, Map<String, String> props, String clusterId) {
        Path nodeDir = dir.resolve("node-" + id);
        props.put("log.dirs", nodeDir.resolve("data").toString());
        Path file = nodeDir.resolve("server.properties");
        try {
            Files.createDirectories(nodeDir);
            Properties properties = new Properties();
            properties.putAll(props);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(out, "node " + id + " of a ProcessCluster");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", file.toString()}, out);
        }
        if (exit != 0) {
            throw new IllegalStateException("formatting node " + id + " failed (exit " + exit + "): "
                    + output.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private void launch(int id) {
        Path nodeDir = dir.resolve("node-" + id);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "kafka.Kafka",
                nodeDir.resolve("server.properties").toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node-" + id + ".log").toFile()))
                    .start();
            processes.put(id, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + id, e);
        }
    }

    private void awaitBrokers(int count) {
        Awaitility.await(count + " brokers up").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                // the admin's errors until the brokers answer; a node that exited fails at once
                .ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
                .until(() -> {
                    processes.forEach((id, p) -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("node " + id + " exited with " + p.exitValue()
                                    + "; see " + dir.resolve("node-" + id + ".log"));
                        }
                    });
                    return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count;
                });
    }
}

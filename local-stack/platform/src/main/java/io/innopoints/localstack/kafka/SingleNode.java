package io.innopoints.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One combined broker+controller started the way a production node starts: {@code server.properties} written to
 * the data directory, {@code kafka.tools.StorageTool format} once (skipped when {@code meta.properties} shows the
 * directory is already formatted), then {@code kafka.server.KafkaRaftServer} — the server {@code kafka.Kafka}
 * runs. The controller quorum is static ({@code controller.quorum.voters}), so a restart may use other ports than
 * the previous run.
 */
final class SingleNode implements EmbeddedKafka.Nodes {
    private static final Logger log = LoggerFactory.getLogger(SingleNode.class);
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final boolean temporary;
    private final KafkaConfig config;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private SingleNode(Path dataDir, boolean temporary, KafkaConfig config, String bootstrapServers) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    static SingleNode start(Path requestedDir, String host, int port, int controllerPort, Map<String, String> overrides) {
        boolean temporary = requestedDir == null;
        Path dataDir;
        try {
            dataDir = temporary ? Files.createTempDirectory("embedded-kafka-")
                    : Files.createDirectories(requestedDir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + requestedDir, e);
        }
        try {
            int clientPort = port == 0 ? EmbeddedKafka.freePort() : requireFree(host, port, "Kafka port");
            int quorumPort = controllerPort == 0 ? EmbeddedKafka.freePort()
                    : requireFree(host, controllerPort, "KRaft controller port");
            Path logDir = dataDir.resolve("kraft-logs");
            Map<String, String> props = new LinkedHashMap<>(EmbeddedKafka.commonBrokerConfig(1, 1));
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(NODE_ID));
            props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + quorumPort);
            props.put("listeners", "PLAINTEXT://" + host + ":" + clientPort + ",CONTROLLER://" + host + ":" + quorumPort);
            props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.putAll(overrides);

            Path propertiesFile = writeProperties(dataDir.resolve("server.properties"), props);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(propertiesFile);
            } else {
                log.info("Reusing formatted Kafka data directory {}", logDir);
            }
            Properties properties = new Properties();
            properties.putAll(props);
            SingleNode node = new SingleNode(dataDir, temporary, KafkaConfig.fromProps(properties),
                    host + ":" + clientPort);
            node.startServer();
            return node;
        } catch (RuntimeException e) {
            if (temporary) {
                EmbeddedKafka.deleteRecursively(dataDir);
            }
            throw e;
        }
    }

    /** Fails with a one-line reason before anything starts, instead of the broker's fatal bind error. */
    private static int requireFree(String host, int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(what + " " + host + ":" + port + " is not available (" + e.getMessage()
                    + "); is another broker running? Choose another port.", e);
        }
    }

    private static Path writeProperties(Path file, Map<String, String> props) {
        Properties properties = new Properties();
        properties.putAll(props);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Written by EmbeddedKafka at every start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** {@code kafka-storage.sh format -t <random id> -c server.properties}, in this JVM. */
    private static void format(Path propertiesFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                "-c", propertiesFile.toString()}, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("formatting Kafka storage failed: " + e.getMessage() + " "
                    + output.toString(StandardCharsets.UTF_8), e);
        }
        String printed = output.toString(StandardCharsets.UTF_8).trim();
        if (exit != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + exit + "): " + printed);
        }
        log.debug("{}", printed);
        log.info("{}", printed.substring(printed.lastIndexOf('\n') + 1));
    }

    private void startServer() {
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            started.shutdown();
            started.awaitShutdown();
            throw new IllegalStateException("cannot start Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        server = started;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public synchronized int runningBrokers() {
        return server == null ? 0 : 1;
    }

    @Override
    public synchronized void stopBroker(int index) {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public synchronized void restartBroker(int index) {
        stopBroker(index);
        startServer();
    }

    @Override
    public synchronized void close() {
        try {
            stopBroker(0);
        } finally {
            if (temporary) {
                EmbeddedKafka.deleteRecursively(dataDir);
            }
        }
    }
}

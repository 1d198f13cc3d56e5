package io.innopoints.localstack.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N brokers and one separate KRaft controller from Kafka's own test kit, for reliability tests. Replication
 * defaults to min(3, N) and {@code min.insync.replicas} to min(2, N), for user and internal topics alike.
 * Brokers are addressed by index 0..N-1 in broker-id order.
 */
final class TestKitCluster implements EmbeddedKafka.Nodes {
    private static final Logger log = LoggerFactory.getLogger(TestKitCluster.class);

    private final KafkaClusterTestKit kit;
    private final List<Integer> brokerIds;
    private final String bootstrapServers;
    // KafkaClusterTestKit.close() is not idempotent
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestKitCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.brokerIds = new ArrayList<>(kit.brokers().keySet());
        this.brokerIds.sort(null);
        this.bootstrapServers = kit.bootstrapServers();
    }

    static TestKitCluster start(int brokers, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(
                EmbeddedKafka.commonBrokerConfig(Math.min(3, brokers), Math.min(2, brokers)));
        // faster fencing/unfencing of stopped and restarted brokers (defaults: 2 s heartbeat, 9 s session)
        config.put("broker.heartbeat.interval.ms", "500");
        config.put("broker.session.timeout.ms", "3000");
        config.putAll(overrides);
        // the controller creates topics, so only it reads default.replication.factor (brokers warn about it)
        String defaultReplication = config.remove("default.replication.factor");
        Map<Integer, Map<String, String>> perController = new HashMap<>();
        for (int controllerId : nodes(brokers, Map.of()).controllerNodes().keySet()) {
            perController.put(controllerId, Map.of("default.replication.factor", defaultReplication));
        }
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes(brokers, perController));
        config.forEach(builder::setConfigProp);
        KafkaClusterTestKit kit;
        try {
            kit = builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a " + brokers + "-broker cluster: " + e.getMessage(), e);
        }
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new TestKitCluster(kit);
        } catch (Exception e) {
            try {
                kit.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start a " + brokers + "-broker cluster: " + e.getMessage(), e);
        }
    }

    private static TestKitNodes nodes(int brokers, Map<Integer, Map<String, String>> perServerProperties) {
        return new TestKitNodes.Builder()
                .setCombined(false) // three combined nodes crash at start-up (PLATFORM-FACTS)
                .setNumBrokerNodes(brokers)
                .setNumControllerNodes(1)
                // the kit's default is an unstable testing version
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setPerServerProperties(perServerProperties)
                .build();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public int brokerCount() {
        return brokerIds.size();
    }

    @Override
    public synchronized int runningBrokers() {
        return (int) kit.brokers().values().stream().filter(b -> !b.isShutdown()).count();
    }

    @Override
    public synchronized void stopBroker(int index) {
        BrokerServer broker = kit.brokers().get(brokerIds.get(index));
        if (!broker.isShutdown()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    @Override
    public synchronized void restartBroker(int index) {
        // the kit rebuilds the broker on its previous port and log directories
        kit.restartBroker(brokerIds.get(index), Map.of());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            kit.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the kit rethrows faults it recorded while brokers were deliberately stopped; nothing left to clean
            log.warn("closing the test-kit cluster reported: {}", e.toString());
        }
    }
}

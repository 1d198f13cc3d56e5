package io.innopoints.localstack.kafka;

import java.util.Map;

/** {@link EmbeddedKafka}'s multi-broker clusters ({@link TestKitCluster}), registered as a service of this module. */
public final class TestKitClusters implements EmbeddedKafka.ClusterFactory {
    @Override
    public EmbeddedKafka.Nodes start(int brokers, Map<String, String> overrides) {
        return TestKitCluster.start(brokers, overrides);
    }
}

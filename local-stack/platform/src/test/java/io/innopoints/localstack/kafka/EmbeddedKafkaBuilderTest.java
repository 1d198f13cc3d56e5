package io.innopoints.localstack.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shipped platform runs one node; clusters come only with local-stack-test-kit (not on this class path). */
class EmbeddedKafkaBuilderTest {
    @Test
    void aClusterWithoutTheTestKitIsRefusedNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedKafka.builder().brokers(3).start());
        assertTrue(e.getMessage().contains("local-stack-test-kit"), e.getMessage());
        assertTrue(e.getMessage().contains("brokers: 3"), e.getMessage());
    }

    @Test
    void brokersBelowOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.builder().brokers(0));
        assertTrue(e.getMessage().startsWith("brokers:"), e.getMessage());
    }
}

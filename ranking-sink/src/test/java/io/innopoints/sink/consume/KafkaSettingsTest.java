package io.innopoints.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
    @Test
    void shouldForceSettingsExactlyOnceIntoDatabaseDependsOnEvenIfPassedThrough() {
        Map<String, Object> passed = Map.of("bootstrap.servers", "b:1", "isolation.level", "read_uncommitted",
                "enable.auto.commit", "true", "group.id", "other", "max.poll.records", "50");

        Map<String, Object> props = KafkaSettings.consumer(passed, "sink");

        assertThat(props).containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("group.id", "sink")
                .containsEntry("max.poll.records", "50")
                .containsEntry("value.deserializer", ByteArrayDeserializer.class);
    }

    @Test
    void shouldGiveUpADeadMemberAfterTenSecondsUnlessConfigured() {
        assertThat(KafkaSettings.consumer(Map.of("bootstrap.servers", "b:1"), "sink"))
                .containsEntry("session.timeout.ms", 10_000);
        assertThat(KafkaSettings.consumer(Map.of("session.timeout.ms", "45000"), "sink"))
                .containsEntry("session.timeout.ms", "45000");
    }
}

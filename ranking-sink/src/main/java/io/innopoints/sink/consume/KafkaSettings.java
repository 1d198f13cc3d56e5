package io.innopoints.sink.consume;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The sink consumer's Kafka settings: the pass-through client properties, with the settings exactly-once into the
 * database depends on forced (read_committed, no auto-commit, raw bytes so one bad record cannot fail a poll).
 */
public final class KafkaSettings {
    /** The sink consumer's session timeout unless {@code kafka.session.timeout.ms} is set. */
    static final int SESSION_TIMEOUT_MS = 10_000;

    private KafkaSettings() {
    }

    /**
     * The credit-list publisher's producer: the pass-through client properties with idempotence and acks=all forced
     * (a retried send must not duplicate an event in the log) and raw bytes (values are serialized by the caller).
     */
    public static Map<String, Object> producer(Map<String, Object> clientProperties, String clientId) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.keySet().removeIf(k -> k.startsWith("isolation.") || k.startsWith("auto.offset") || k.startsWith("group."));
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** A group-less read_committed reader of raw bytes (the credit relay's start-up check of its topic). */
    public static Map<String, Object> reader(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    public static Map<String, Object> consumer(Map<String, Object> clientProperties, String groupId) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // positions come from the database; the reset policy only applies if a seek target vanished (retention)
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a sink restarted after a crash joins a group that still lists its dead self: its partitions are given out
        // again only once that member's session expired (Kafka's default 45 s stalled every restart that long;
        // SinkChaosIT). kafka.session.timeout.ms overrides.
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}

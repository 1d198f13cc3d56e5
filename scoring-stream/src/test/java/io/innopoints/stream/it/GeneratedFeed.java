package io.innopoints.stream.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.localstack.generator.GeneratedEvent;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.MalformedKind;
import io.innopoints.localstack.generator.SampleData;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.schemas.validation.Validated;
import io.innopoints.scoring.profile.Profiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Produces the generator's log to the input topics as a provider would (Avro, key = credit code, timestamp = arrival),
 * malformed records as whatever bytes they can be (Avro when the structure parses, else their JSON text, truncated
 * Avro for truncated records), then one clock record per partition at the end instant so every task's stream time
 * (the as-of) ends at the same instant. Returns what the oracle needs and where every bad record went.
 */
final class GeneratedFeed {
    /**
     * @param profiles every enterprise's profile folded from the valid records
     * @param bad      provenance (topic/partition/offset) of every record that must be a dead letter
     * @param end      the final stream time of every profile task
     */
    record Result(Map<String, EnterpriseProfile> profiles, Set<String> bad, Instant end, int records) {
    }

    private GeneratedFeed() {
    }

    /**
     * Records carry event-time timestamps years in the past; with the broker's default time retention (7 days) the
     * log cleaner would delete them a few minutes into the test. Inputs and outputs keep everything here.
     */
    static void keepForever(String bootstrap, TopicCatalog topics) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>> ops =
                    new HashMap<>();
            for (String name : topics.all().values()) {
                ops.put(new org.apache.kafka.common.config.ConfigResource(
                                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, name),
                        List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                                new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "-1"),
                                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(ops).all().get();
        }
    }

    static String provenance(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /**
     * Paces {@link #produce}: at most {@code perSecond} records a second, counting what was handed to the producer in
     * {@code sent} — so a test can act while the log streams in.
     */
    record Pace(int perSecond, AtomicLong sent) {
        void sent(long count, long startNanos) throws InterruptedException {
            sent.set(count);
            long due = startNanos + count * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // the producer's schedule, not a wait for a condition
            }
        }
    }

    static Result produce(String bootstrap, SchemaRegistryClient registry, TopicCatalog topics, GeneratorConfig config,
                          int partitions) throws Exception {
        return produce(bootstrap, registry, topics, config, partitions, null);
    }

    /**
     * Sends again the valid records of {@code config}'s log from its {@code from}-th record on (the same eventIds,
     * keys and timestamps): duplicates, which an app with its state must ignore. Returns how many were sent.
     */
    @SuppressWarnings("unchecked")
    static int resendValid(String bootstrap, SchemaRegistryClient registry, TopicCatalog topics, GeneratorConfig config,
                           long from) {
        Serializer<String> keys = AvroSerdes.stringKey(registry).serializer();
        Map<EventType, Serializer<SpecificRecord>> values = new HashMap<>();
        for (EventType t : EventType.values()) {
            values.put(t, (Serializer<SpecificRecord>) AvroSerdes.value(t.recordClass(), registry).serializer());
        }
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer()); Stream<GeneratedEvent> log = SampleData.stream(config)) {
            for (GeneratedEvent e : (Iterable<GeneratedEvent>) log.skip(from)::iterator) {
                if (e.malformed()) {
                    continue;
                }
                String topic = topics.name(e.type());
                producer.send(new ProducerRecord<>(topic, null, e.arrival().toEpochMilli(),
                        keys.serialize(topic, e.creditCode()), values.get(e.type()).serialize(topic, e.record())));
                sent++;
            }
            producer.flush();
        }
        return sent;
    }

    @SuppressWarnings("unchecked")
    static Result produce(String bootstrap, SchemaRegistryClient registry, TopicCatalog topics, GeneratorConfig config,
                          int partitions, Pace pace) throws Exception {
        keepForever(bootstrap, topics);
        Serializer<String> keys = AvroSerdes.stringKey(registry).serializer();
        Map<EventType, Serializer<SpecificRecord>> values = new HashMap<>();
        for (EventType t : EventType.values()) {
            values.put(t, (Serializer<SpecificRecord>) AvroSerdes.value(t.recordClass(), registry).serializer());
        }
        ObjectMapper json = AvroJson.mapper();
        Map<String, EnterpriseProfile> profiles = new HashMap<>();
        List<Future<RecordMetadata>> badSends = new ArrayList<>();
        Instant end = Instant.EPOCH;
        int count = 0;
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer()); Stream<GeneratedEvent> log = SampleData.stream(config)) {
            long startNanos = System.nanoTime();
            for (GeneratedEvent e : (Iterable<GeneratedEvent>) log::iterator) {
                if (pace != null) {
                    pace.sent(count, startNanos);
                }
                String topic = topics.name(e.type());
                long ts = e.arrival().toEpochMilli();
                if (e.arrival().isAfter(end)) {
                    end = e.arrival();
                }
                count++;
                if (!e.malformed()) {
                    byte[] key = keys.serialize(topic, e.creditCode());
                    producer.send(new ProducerRecord<>(topic, null, ts, key, values.get(e.type()).serialize(topic, e.record())));
                    profiles.merge(e.creditCode(), Profiles.fold(Profiles.empty(e.creditCode()), e.record()).profile(),
                            (old, ignored) -> Profiles.fold(old, e.record()).profile());
                    continue;
                }
                GeneratedEvent.Malformation m = e.malformation();
                String code = m.body().hasNonNull("creditCode") ? m.body().get("creditCode").asText() : e.creditCode();
                byte[] key = code == null ? null : keys.serialize(topic, code);
                Validated<? extends SpecificRecord> parsed = AvroJson.read(m.body(), e.type().recordClass());
                byte[] value;
                if (parsed.isOk()) {
                    value = values.get(e.type()).serialize(topic, parsed.value());
                    if (m.kind() == MalformedKind.TRUNCATED_RECORD) {
                        value = Arrays.copyOf(value, Math.max(6, value.length / 2));
                    }
                } else {
                    value = json.writeValueAsString(m.body()).getBytes(StandardCharsets.UTF_8);
                }
                badSends.add(producer.send(new ProducerRecord<>(topic, null, ts, key, value)));
            }
            end = end.plusMillis(1);
            String clockTopic = topics.name(EventType.REGISTRATIONS);
            for (int p = 0; p < partitions; p++) {
                badSends.add(producer.send(new ProducerRecord<>(clockTopic, p, end.toEpochMilli(), null,
                        "clock".getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
        }
        Set<String> bad = new HashSet<>();
        for (Future<RecordMetadata> f : badSends) {
            RecordMetadata md = f.get();
            bad.add(provenance(md.topic(), md.partition(), md.offset()));
        }
        return new Result(profiles, bad, end, count);
    }
}

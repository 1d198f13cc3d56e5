package io.innopoints.localstack.junit;

import io.innopoints.localstack.LocalStack;
import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 fixture giving an integration test a running {@link LocalStack} (broker(s) + schema registry), started
 * once per test class and closed after it, plus what every IT needs: unique topic/application/group names per test,
 * a prefixed {@link TopicCatalog} with all topics created, and produce / consume-until helpers using our Avro serde
 * (Confluent wire format, string keys).
 *
 * <pre>{@code
 * class ScoringIT {
 *     @RegisterExtension
 *     static final LocalStackExtension platform = LocalStackExtension.singleNode();
 *
 *     @Test @Timeout(60)
 *     void shouldScorePatents() {
 *         TopicCatalog topics = platform.uniqueCatalog();
 *         platform.produce(topics.name(Topic.PATENT_EVENTS), creditCode, patentEvent);
 *         var scores = platform.consumeAtLeast(topics.name(Topic.ENTERPRISE_SCORES), EnterpriseScore.class, 1);
 *     }
 * }
 * }</pre>
 *
 * Also usable as {@code @ExtendWith(LocalStackExtension.class)} (one broker): test methods and lifecycle methods
 * then receive the {@code LocalStackExtension} or the {@link LocalStack} as a parameter.
 */
public final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final int brokers;
    private LocalStack stack;
    private String owner;
    private volatile String currentTest = "class";

    /** One broker; for {@code @ExtendWith}. Prefer {@link #singleNode()} with {@code @RegisterExtension}. */
    public LocalStackExtension() {
        this(1);
    }

    private LocalStackExtension(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers: must be at least 1, was " + brokers);
        }
        this.brokers = brokers;
    }

    public static LocalStackExtension singleNode() {
        return new LocalStackExtension(1);
    }

    /** {@code brokers} brokers, replication min(3, brokers), min ISR min(2, brokers); see {@link EmbeddedKafka}. */
    public static LocalStackExtension cluster(int brokers) {
        return new LocalStackExtension(brokers);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // @Nested classes see the extension again: the outermost class owns the platform
        if (stack == null) {
            stack = LocalStack.builder().brokers(brokers).start();
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null && context.getUniqueId().equals(owner)) {
            try {
                stack.close();
            } finally {
                stack = null;
                owner = null;
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        currentTest = context.getTestMethod().map(m -> m.getName()).orElse("test");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == LocalStackExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class ? stack() : this;
    }

    /** The running platform. */
    public LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the local stack is not running: register LocalStackExtension as a "
                    + "static @RegisterExtension field or with @ExtendWith on the class");
        }
        return stack;
    }

    public EmbeddedKafka kafka() {
        return stack().kafka();
    }

    public String bootstrapServers() {
        return stack().bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return stack().schemaRegistryUrl();
    }

    public SchemaRegistryClient registryClient() {
        return stack().registryClient();
    }

    /**
     * A name no other test of this JVM run gets: {@code <base>-<test method>-<run>-<n>}, legal as a topic,
     * application id and group id (lower-case letters, digits and dashes, at most 100 characters).
     */
    public String uniqueName(String base) {
        String test = sanitize(currentTest);
        if (test.length() > 40) {
            test = test.substring(0, 40);
        }
        String name = sanitize(Objects.requireNonNull(base, "base")) + "-" + test + "-" + RUN + "-"
                + SEQUENCE.incrementAndGet();
        return name.length() <= 100 ? name : name.substring(name.length() - 100);
    }

    /** A catalog whose every topic carries a unique prefix, all topics created with 1 partition. */
    public TopicCatalog uniqueCatalog() {
        return uniqueCatalog(1);
    }

    /** A catalog whose every topic carries a unique prefix, all topics created with {@code partitions}. */
    public TopicCatalog uniqueCatalog(int partitions) {
        TopicCatalog catalog = TopicCatalog.prefixed(uniqueName("t") + "-");
        stack().createTopics(catalog, partitions);
        return catalog;
    }

    /** Creates a topic with a unique name and returns that name. */
    public String uniqueTopic(String base, int partitions, boolean compacted) {
        String name = uniqueName(base);
        kafka().createTopic(name, partitions, compacted);
        return name;
    }

    /** Serde of our string keys (Avro {@code "string"}, Confluent wire format) over the embedded registry. */
    public Serde<String> keySerde() {
        return AvroSerdes.stringKey(registryClient());
    }

    /** Serde of a generated record class as a value, registering its schema on first use. */
    public <V extends SpecificRecord> Serde<V> valueSerde(Class<V> type) {
        return AvroSerdes.value(type, registryClient());
    }

    /** Producer config for this platform (acks=all, idempotent) plus the registry URL; {@code extra} overrides. */
    public Map<String, Object> producerConfig(Map<String, Object> extra) {
        Map<String, Object> config = TestRecords.producerConfig(bootstrapServers(), extra);
        config.putIfAbsent("schema.registry.url", schemaRegistryUrl());
        return config;
    }

    /** Consumer config for this platform (earliest, read_committed, no auto-commit) with a unique group id. */
    public Map<String, Object> consumerConfig(Map<String, Object> extra) {
        Map<String, Object> config = TestRecords.consumerConfig(bootstrapServers(), extra);
        config.putIfAbsent("group.id", uniqueName("group"));
        config.putIfAbsent("schema.registry.url", schemaRegistryUrl());
        return config;
    }

    /** Writes one record with our serde and waits for its acknowledgement. */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> RecordMetadata produce(String topic, String key, V value) {
        return produce(topic, (Class<V>) value.getClass(), List.of(new ProducerRecord<>(topic, key, value))).get(0);
    }

    /** Writes {@code records} in order with our serde (string key, {@code type} value); waits for every ack. */
    public <V extends SpecificRecord> List<RecordMetadata> produce(String topic, Class<V> type,
            List<ProducerRecord<String, V>> records) {
        for (ProducerRecord<String, V> record : records) {
            if (!record.topic().equals(topic)) {
                throw new IllegalArgumentException("record for topic " + record.topic() + " in a batch for " + topic);
            }
        }
        try (Serde<String> keys = keySerde(); Serde<V> values = valueSerde(type)) {
            return TestRecords.produce(bootstrapServers(), keys.serializer(), values.serializer(), records);
        }
    }

    /** Reads {@code topic} from the beginning with our serde until {@code done} holds (default timeout). */
    public <V extends SpecificRecord> List<ConsumerRecord<String, V>> consumeUntil(String topic, Class<V> type,
            Predicate<List<ConsumerRecord<String, V>>> done) {
        return consumeUntil(topic, type, done, TestRecords.DEFAULT_TIMEOUT);
    }

    /** Reads {@code topic} from the beginning with our serde until {@code done} holds or {@code timeout} passes. */
    public <V extends SpecificRecord> List<ConsumerRecord<String, V>> consumeUntil(String topic, Class<V> type,
            Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
        try (Serde<String> keys = keySerde(); Serde<V> values = valueSerde(type)) {
            return TestRecords.consumeUntil(bootstrapServers(), topic, keys.deserializer(), values.deserializer(),
                    done, timeout);
        }
    }

    /** Reads {@code topic} from the beginning until at least {@code count} records arrived. */
    public <V extends SpecificRecord> List<ConsumerRecord<String, V>> consumeAtLeast(String topic, Class<V> type,
            int count) {
        return consumeUntil(topic, type, records -> records.size() >= count);
    }

    /**
     * Waits until consumer group (or Streams application) {@code groupId} has processed everything written to
     * {@code topics} so far: committed offsets at the last stable offset of every partition.
     */
    public void awaitNoLag(String groupId, String... topics) {
        TestRecords.awaitNoLag(kafka().admin(), groupId, List.of(topics), TestRecords.DEFAULT_TIMEOUT);
    }

    private static String sanitize(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "x" : s;
    }
}

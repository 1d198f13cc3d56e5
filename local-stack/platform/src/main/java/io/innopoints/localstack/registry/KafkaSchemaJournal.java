package io.innopoints.localstack.registry;

import io.innopoints.schemas.registry.RegistryCore;
import io.innopoints.schemas.registry.RegistryEntry;
import io.innopoints.schemas.registry.RegistryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable journal: a single-partition compacted Kafka topic ({@code _schemas}, created when absent
 * with replication min(3, brokers)). A reader thread applies every record to the {@link RegistryCore} in offset
 * order; {@link #append} produces with acks=all and idempotence and returns only once the reader has applied the
 * record, so what a client was told is what a restart rebuilds. {@link #catchUp} waits until everything other
 * instances wrote is applied.
 */
final class KafkaSchemaJournal implements RegistryCore.Journal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaJournal.class);
    /** Per step of a write (catch-up, produce, read back): three steps stay within a client's 30 s request timeout. */
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    /** Each admin call at start-up, when the broker may still be warming up. */
    private static final Duration START_STEP_TIMEOUT = Duration.ofSeconds(30);
    /** Rebuilding state at start-up may read a long topic. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String topic;
    private final TopicPartition partition;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final RegistryEntryCodec codec = new RegistryEntryCodec();
    private final Object progress = new Object();
    private long appliedPosition;
    private volatile boolean running = true;
    private Thread reader;

    KafkaSchemaJournal(String bootstrapServers, String topic) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        Properties common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        common.put(AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-" + topic);
        this.admin = Admin.create(common);

        Properties producerProps = new Properties();
        producerProps.putAll(common);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() - 1000);
        producerProps.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 500);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(producerProps);

        Properties consumerProps = new Properties();
        consumerProps.putAll(common);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(consumerProps);
    }

    /** Creates the topic if needed, then replays it into the core; returns once the core is up to date. */
    void start(Consumer<RegistryEntry> apply) {
        createTopicIfAbsent();
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        reader = new Thread(() -> readLoop(apply), "schema-registry-reader-" + topic);
        reader.setDaemon(true);
        reader.start();
        awaitApplied(endOffset(START_TIMEOUT), START_TIMEOUT);
        LOG.info("Schema registry state rebuilt from {} up to offset {}", topic, appliedPosition());
    }

    @Override
    public void append(RegistryEntry entry) {
        long offset;
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, 0, codec.key(entry), codec.value(entry)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            offset = metadata.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw storeError("could not write to " + topic + ": " + (e.getCause() == null ? e : e.getCause()), e);
        }
        awaitApplied(offset + 1, TIMEOUT);
    }

    @Override
    public void catchUp() {
        awaitApplied(endOffset(TIMEOUT), TIMEOUT);
    }

    private long endOffset(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                        .get(left, TimeUnit.MILLISECONDS).offset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw storeError("interrupted while reading the end of " + topic, e);
            } catch (ExecutionException e) {
                // A topic just created is confirmed by the controller before every broker has its metadata; the
                // admin client does not retry that, so we do, until the deadline.
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() + RETRY_BACKOFF.toNanos() > deadline) {
                    throw storeError("could not read the end offset of " + topic + ": " + e.getCause(), e);
                }
                pause(RETRY_BACKOFF);
            } catch (TimeoutException e) {
                throw storeError("could not read the end offset of " + topic + ": " + e, e);
            }
        }
    }

    private void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError("interrupted while reading the end of " + topic, e);
        }
    }

    private void createTopicIfAbsent() {
        try {
            if (admin.listTopics().names().get(START_STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            int brokers = admin.describeCluster().nodes().get(START_STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.max(1, Math.min(3, brokers));
            NewTopic newTopic = new NewTopic(topic, 1, replication).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, replication - 1))));
            admin.createTopics(List.of(newTopic)).all().get(START_STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created schema topic {} (compacted, replication {})", topic, replication);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw storeError("could not create " + topic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError("interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw storeError("timed out creating " + topic + " (is Kafka reachable?)", e);
        }
    }

    private void readLoop(Consumer<RegistryEntry> apply) {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    applyOne(apply, record);
                }
                long position = consumer.position(partition);
                synchronized (progress) {
                    if (position > appliedPosition) {
                        appliedPosition = position;
                        progress.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Schema registry reader of {} woken unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("Schema registry reader of {} stopped; writes will time out", topic, e);
        }
    }

    private void applyOne(Consumer<RegistryEntry> apply, ConsumerRecord<String, String> record) {
        try {
            Optional<RegistryEntry> entry = record.key() == null ? Optional.empty()
                    : codec.decode(record.key(), record.value());
            entry.ifPresent(apply);
        } catch (Exception e) {
            // one unreadable record must not stop the registry; it is skipped the same way on every replay
            LOG.warn("Skipping unreadable record at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    private void awaitApplied(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (appliedPosition < position) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0 || !reader.isAlive()) {
                    throw storeError("the write at offset " + (position - 1) + " of " + topic
                            + " was not read back in time", null);
                }
                try {
                    progress.wait(Math.min(remaining, 500));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw storeError("interrupted while reading back " + topic, e);
                }
            }
        }
    }

    long appliedPosition() {
        synchronized (progress) {
            return appliedPosition;
        }
    }

    private static RegistryException storeError(String reason, Throwable cause) {
        return new RegistryException(500, RegistryException.STORE_ERROR, "Error in the backend data store: " + reason,
                cause);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (reader != null) {
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}

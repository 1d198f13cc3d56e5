package io.innopoints.ingest.domain;

import io.innopoints.schemas.topic.Topic;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * The port through which ingest writes records: completes with the record's coordinates only once the broker
 * acknowledged it (acks=all), or exceptionally when it could not be written. Implementations: the Kafka producer
 * ({@code kafka.KafkaEventPublisher}) and in-memory fakes in tests.
 */
public interface EventPublisher extends AutoCloseable {

    /**
     * Sends one record.
     *
     * @param topic the catalog topic (the implementation resolves its configured name)
     * @param key   the record key (credit code), or null when unknown (dead letters of unreadable input)
     * @param value the Avro record
     */
    CompletionStage<RecordCoordinates> publish(Topic topic, String key, SpecificRecord value);

    /** Sends what is buffered now instead of waiting for the linger time (the bulk loader's batch end). */
    default void flush() {
    }

    @Override
    void close();
}

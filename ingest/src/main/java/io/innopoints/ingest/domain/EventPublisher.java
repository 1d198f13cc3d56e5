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
     * @param origin where the input came from; bulk-file records carry it as headers so a resumed load can
     *               recognise what an interrupted run already wrote (see {@link #LOAD_ID_HEADER})
     */
    CompletionStage<RecordCoordinates> publish(Topic topic, String key, SpecificRecord value, Provenance origin);

    /** Header naming the bulk load run (its checkpoint id) that wrote a record. */
    String LOAD_ID_HEADER = "ingest.load-id";
    /** Header with the 1-based line of the bulk file a record came from. */
    String LINE_HEADER = "ingest.line";

    /** Sends what is buffered now instead of waiting for the linger time (the bulk loader's batch end). */
    default void flush() {
    }

    @Override
    void close();
}

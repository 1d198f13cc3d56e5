package io.innopoints.sink.release;

import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.release.Period;
import io.innopoints.scoring.release.PeriodReleases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a period: reads the five input topics read_committed up to their end offsets ({@link LogSnapshot}), and the
 * period's latest release from {@code period-releases}, computes the next version with
 * {@link PeriodReleases#compute} and publishes it (key {@code <periodId>:<version>}, acks=all) — unless its results
 * equal the latest version's, which is then returned unchanged. Records that cannot be decoded are counted and left
 * out (the stream dead-letters them too). Closes run one at a time in this instance.
 */
public final class PeriodCloser {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodCloser.class);

    /** What a close did: PUBLISHED a new version, or found the results UNCHANGED since the latest. */
    public enum Outcome { PUBLISHED, UNCHANGED }

    /** The release (new or latest), the outcome and how many input records could not be decoded. */
    public record Closed(PeriodRelease release, Outcome outcome, long undecodable) {
    }

    private final Supplier<Consumer<byte[], byte[]>> readers;
    private final Producer<byte[], byte[]> producer;
    private final TopicCatalog topics;
    private final Map<EventType, Deserializer<? extends SpecificRecord>> events;
    private final Deserializer<PeriodRelease> releases;
    private final Serializer<String> keys;
    private final Serializer<PeriodRelease> values;
    private final Duration timeout;

    public PeriodCloser(Supplier<Consumer<byte[], byte[]>> readers, Producer<byte[], byte[]> producer,
                        TopicCatalog topics, Map<EventType, Deserializer<? extends SpecificRecord>> events,
                        Deserializer<PeriodRelease> releases, Serializer<String> keys,
                        Serializer<PeriodRelease> values, Duration timeout) {
        this.readers = readers;
        this.producer = producer;
        this.topics = topics;
        this.events = Map.copyOf(events);
        this.releases = releases;
        this.keys = keys;
        this.values = values;
        this.timeout = timeout;
    }

    /** Computes and publishes the next version of {@code period}'s release with {@code model}. */
    public synchronized Closed close(Period period, ScoringModel model) {
        PeriodRelease latest = latest(period.id());
        Map<String, Deserializer<? extends SpecificRecord>> byTopic = new HashMap<>();
        events.forEach((type, d) -> byTopic.put(topics.name(type), d));
        List<SpecificRecord> read = new ArrayList<>();
        long[] undecodable = {0};
        try (Consumer<byte[], byte[]> consumer = readers.get()) {
            LogSnapshot.read(consumer, byTopic.keySet(), timeout, r -> {
                try {
                    read.add(byTopic.get(r.topic()).deserialize(r.topic(), r.value()));
                } catch (RuntimeException e) {
                    undecodable[0]++;
                }
            });
        }
        PeriodRelease next = PeriodReleases.compute(model, period, read, latest);
        if (latest != null && PeriodReleases.sameResults(latest, next)) {
            LOG.info("period {} closed again: results unchanged since version {}", period.id(), latest.getVersion());
            return new Closed(latest, Outcome.UNCHANGED, undecodable[0]);
        }
        String topic = topics.name(Topic.PERIOD_RELEASES);
        String key = PeriodReleases.key(next.getPeriodId(), next.getVersion());
        try {
            producer.send(new ProducerRecord<>(topic, keys.serialize(topic, key), values.serialize(topic, next)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("release " + key + " could not be published to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + key, e);
        }
        LOG.info("period {} version {} published ({} events, digest {})", period.id(), next.getVersion(),
                next.getEventsCounted(), next.getDigest());
        return new Closed(next, Outcome.PUBLISHED, undecodable[0]);
    }

    /** The period's release with the highest version on the topic, or null. */
    PeriodRelease latest(String periodId) {
        String topic = topics.name(Topic.PERIOD_RELEASES);
        PeriodRelease[] latest = {null};
        try (Consumer<byte[], byte[]> consumer = readers.get()) {
            LogSnapshot.read(consumer, List.of(topic), timeout, r -> {
                if (r.value() == null) {
                    return;
                }
                PeriodRelease release = releases.deserialize(topic, r.value());
                if (release.getPeriodId().equals(periodId)
                        && (latest[0] == null || release.getVersion() > latest[0].getVersion())) {
                    latest[0] = release;
                }
            });
        }
        return latest[0];
    }
}

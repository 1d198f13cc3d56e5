package io.innopoints.bench.scoring;

import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The denominator of the throughput ratio: the simplest exactly-once v2 Kafka Streams app over the same five input
 * topics — merge them (raw bytes), {@code groupByKey().count()} into a logged RocksDB store behind a 10 MB record
 * cache, emit the counts to one output topic. Kafka Streams' defaults otherwise (one stream thread, EOS commit
 * interval 100 ms). Whatever scoring-stream does beyond this is its own cost.
 */
final class TrivialEosAggregate {
    static final String OUTPUT = "bench-trivial-counts";

    private TrivialEosAggregate() {
    }

    static Topology build(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> merged = null;
        for (EventType type : EventType.values()) {
            KStream<byte[], byte[]> one = builder.stream(topics.name(type),
                    Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("source-" + type.id()));
            merged = merged == null ? one : merged.merge(one, Named.as("merge-" + type.id()));
        }
        merged.groupByKey(Grouped.with("by-key", Serdes.ByteArray(), Serdes.ByteArray()))
                .count(Named.as("count"), Materialized.as("count-store"))
                .toStream(Named.as("counts"))
                .to(OUTPUT, Produced.with(Serdes.ByteArray(), Serdes.Long()).withName("sink-counts"));
        return builder.build();
    }

    static KafkaStreams create(TopicCatalog topics, String applicationId, String bootstrapServers, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10L * 1024 * 1024);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        return new KafkaStreams(build(topics), p);
    }
}

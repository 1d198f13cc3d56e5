package io.innopoints.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class PositionlessStoreTest {

    @Test
    void shouldStoreLikeRocksDbButTellAnEmptyPosition() {
        // Given a changelogged store of the wrapper under exactly-once with transactional stores
        // When a processor puts a=1, b=2, a=3 from an input topic
        ReadBack read = written(PositionlessStore.supplier("s"));

        // Then the store holds the last values, and its position (which the changelogging layer copies on every
        // write) is empty although the writes came from an input topic's records
        assertThat(read.a()).isEqualTo("3");
        assertThat(read.b()).isEqualTo("2");
        assertThat(read.position().isEmpty()).isTrue();
    }

    @Test
    void shouldBeNeededBecauseKafkaStreamsRocksDbStoreTracksAPositionPerWrite() {
        // When the same records are put into Kafka Streams' own store (should this fail, the wrapper can go)
        ReadBack read = written(Stores.persistentKeyValueStore("s"));

        // Then it has a position: the one its changelogging layer copies for every write
        assertThat(read.a()).isEqualTo("3");
        assertThat(read.position().isEmpty()).isFalse();
    }

    @Test
    void shouldNameItselfAndItsMetricsLikeKafkaStreamsRocksDbStore() {
        KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore("s");
        KeyValueBytesStoreSupplier ours = PositionlessStore.supplier("s");
        assertThat(ours.name()).isEqualTo(rocks.name());
        assertThat(ours.metricsScope()).isEqualTo(rocks.metricsScope());
        assertThat(ours.get()).isInstanceOf(PositionlessStore.class);
    }

    private record ReadBack(String a, String b, Position position) {
    }

    /** Puts a=1, b=2, a=3 through a processor into a changelogged store of {@code supplier}; what it then holds. */
    private static ReadBack written(KeyValueBytesStoreSupplier supplier) {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        topology.addProcessor("put", () -> new Processor<String, String, Void, Void>() {
            private KeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore("s");
            }

            @Override
            public void process(Record<String, String> record) {
                store.put(record.key(), record.value());
            }
        }, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.String())
                .withLoggingEnabled(Map.of()), "put");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "positionless");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());
            in.pipeInput("a", "1");
            in.pipeInput("b", "2");
            in.pipeInput("a", "3");
            KeyValueStore<String, String> store = driver.getKeyValueStore("s");
            return new ReadBack(store.get("a"), store.get("b"), store.getPosition());
        }
    }
}

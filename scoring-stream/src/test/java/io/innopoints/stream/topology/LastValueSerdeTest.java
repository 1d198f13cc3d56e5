package io.innopoints.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class LastValueSerdeTest {
    private final AtomicInteger decoded = new AtomicInteger();
    private final Deserializer<String> counting = (topic, data) -> {
        decoded.incrementAndGet();
        return new String(data, StandardCharsets.UTF_8);
    };
    private final Serde<String> serde = LastValueSerde.of(Serdes.serdeFrom(Serdes.String().serializer(), counting));

    private String read(String value) {
        // a fresh array each time, as a store hands out
        return serde.deserializer().deserialize("t", value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldDecodeEqualBytesOnceAndHandBackTheSameValue() {
        String first = read("official-model-yaml");
        String again = read("official-model-yaml");
        assertThat(again).isSameAs(first);
        assertThat(decoded).hasValue(1);
    }

    @Test
    void shouldKeepSeveralValuesSoTwoAlternatingKeysAreDecodedOnceEach() {
        read("official");
        read("shadow");
        read("official");
        read("shadow");
        assertThat(decoded).hasValue(2);
    }

    @Test
    void shouldDecodeChangedBytesAndForgetTheOldestBeyondWhatItKeeps() {
        for (int i = 0; i <= LastValueSerde.KEPT; i++) {
            read("v" + i);
        }
        assertThat(read("v" + LastValueSerde.KEPT)).isEqualTo("v" + LastValueSerde.KEPT);
        assertThat(decoded).hasValue(LastValueSerde.KEPT + 1);
        read("v0"); // the oldest was dropped
        assertThat(decoded).hasValue(LastValueSerde.KEPT + 2);
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}

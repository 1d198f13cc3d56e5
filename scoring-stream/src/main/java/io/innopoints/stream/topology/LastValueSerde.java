package io.innopoints.stream.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A serde whose deserializer hands back a value it decoded recently (the last {@value #KEPT}) when the bytes are the
 * same, for a store read over and over that rarely changes: {@value ScoringTopology#MODELS_STORE}, read at every evaluation and every rank
 * batch, holds a model command with the whole model's YAML, and decoding it anew each time took 7.7 % of the
 * stream threads after a national ACTIVATE (JFR). Comparing the bytes costs a fraction of decoding them. Safe for
 * the stream threads that share a global store; the value handed out must not be modified.
 */
final class LastValueSerde {
    /** Values kept: the models store holds two (the official model's command and the shadow's). */
    static final int KEPT = 4;

    private LastValueSerde() {
    }

    static <T> Serde<T> of(Serde<T> inner) {
        return Serdes.serdeFrom(inner.serializer(), new Memo<>(inner.deserializer()));
    }

    private static final class Memo<T> implements Deserializer<T> {
        private record Decoded<T>(byte[] bytes, T value) {
        }

        private final Deserializer<T> inner;
        /** Most recent first; replaced as a whole, so readers on other threads see a consistent list. */
        private volatile List<Decoded<T>> recent = List.of();

        Memo(Deserializer<T> inner) {
            this.inner = inner;
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            List<Decoded<T>> seen = recent;
            for (Decoded<T> d : seen) {
                if (d.bytes() == data || Arrays.equals(d.bytes(), data)) {
                    return d.value();
                }
            }
            T value = inner.deserialize(topic, data);
            List<Decoded<T>> next = new ArrayList<>(KEPT);
            next.add(new Decoded<>(data.clone(), value));
            next.addAll(seen.subList(0, Math.min(seen.size(), KEPT - 1)));
            recent = List.copyOf(next);
            return value;
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}

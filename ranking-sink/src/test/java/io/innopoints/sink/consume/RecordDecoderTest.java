package io.innopoints.sink.consume;

import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.registry.RegistryException;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.sink.store.SinkRecord;
import java.net.ConnectException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final String TOPIC = "enterprise-scores";

    private static RecordDecoder failingWith(RuntimeException e) {
        Deserializer<EnterpriseScore> d = (topic, data) -> {
            throw e;
        };
        return new RecordDecoder(Map.<String, Deserializer<? extends SpecificRecord>>of(TOPIC, d));
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ConsumerRecord<>(topic, 3, 42L, "k".getBytes(), value);
    }

    @Test
    void shouldDecodeValueWithTopicDeserializer() {
        EnterpriseScore s = score(1, 1, 10, 1, "A");
        RecordDecoder decoder = new RecordDecoder(Map.of(TOPIC, new JsonTestDeserializer<>(EnterpriseScore.class)));

        SinkRecord r = decoder.decode(record(TOPIC, JsonTestDeserializer.encode(s)));

        assertThat(r.value()).isEqualTo(s);
        assertThat(r.partition()).isEqualTo(3);
        assertThat(r.offset()).isEqualTo(42);
    }

    @Test
    void shouldTreatNullValueAsTombstone() {
        SinkRecord r = failingWith(new IllegalStateException("never called")).decode(record(TOPIC, null));

        assertThat(r.value()).isNull();
        assertThat(r.rejection()).isNull();
    }

    @Test
    void shouldRejectRecordWhoseSchemaIdIsUnknownKeepingItsBytes() {
        RegistryException notFound = new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema 99 not found");
        byte[] value = {0, 0, 0, 0, 99, 1};

        SinkRecord r = failingWith(new SerializationException("Unknown schema id 99", notFound)).decode(record(TOPIC, value));

        assertThat(r.rejection().errorClass()).isEqualTo("DESERIALIZATION");
        assertThat(r.rejection().reason()).contains("Unknown schema id 99");
        assertThat(r.rejection().value()).isEqualTo(value);
        assertThat(r.rejection().key()).isEqualTo("k".getBytes());
    }

    @Test
    void shouldRejectRecordOfTopicWithoutDeserializer() {
        SinkRecord r = failingWith(new IllegalStateException("unused")).decode(record("elsewhere", new byte[] {1}));

        assertThat(r.rejection().errorClass()).isEqualTo("UNKNOWN_TOPIC");
    }

    @Test
    void shouldThrowTransientWhenRegistryIsUnreachableInsteadOfDeadLettering() {
        RegistryException down = new RegistryException(0, RegistryException.UNREACHABLE, "registry down",
                new ConnectException("Connection refused"));

        assertThatThrownBy(() -> failingWith(new SerializationException("Could not fetch schema id 7", down))
                .decode(record(TOPIC, new byte[] {0, 0, 0, 0, 7})))
                .isInstanceOf(RecordDecoder.TransientDecodeException.class)
                .hasMessageContaining("enterprise-scores-3@42");
    }

    @Test
    void shouldThrowTransientWhenRegistryAnswersServerError() {
        RegistryException store = new RegistryException(500, RegistryException.STORE_ERROR, "store error");

        assertThatThrownBy(() -> failingWith(new SerializationException("x", store)).decode(record(TOPIC, new byte[] {0})))
                .isInstanceOf(RecordDecoder.TransientDecodeException.class);
    }
}

package io.innopoints.stream.topology;

import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.stream.domain.BoardState;
import io.innopoints.stream.domain.EnterpriseState;
import io.innopoints.stream.domain.InternalCodec;
import io.innopoints.stream.domain.Member;
import io.innopoints.stream.domain.StageMessage;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every serde of the topology, built per instance over one schema-registry client: Confluent-wire Avro for topics
 * (and the profile facts, {@link ProfileFactStore}), {@link InternalCodec} for the repartition topic and the other stores.
 */
public final class ScoringSerdes {
    private final SchemaRegistryClient registry;
    private final Serde<String> key;

    public ScoringSerdes(SchemaRegistryClient registry) {
        this.registry = registry;
        this.key = AvroSerdes.stringKey(registry);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /** Avro string keys of every topic. */
    public Serde<String> key() {
        return key;
    }

    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return AvroSerdes.value(type, registry);
    }

    public Serde<StageMessage> stageMessage() {
        return codec(InternalCodec::encode, InternalCodec::decodeMessage);
    }

    public Serde<Member> member() {
        return codec(InternalCodec::encode, InternalCodec::decodeMember);
    }

    public Serde<EnterpriseState> enterpriseState() {
        return codec(InternalCodec::encode, InternalCodec::decodeState);
    }

    public Serde<BoardState> board() {
        return codec(InternalCodec::encode, InternalCodec::decodeBoard);
    }

    private static <T> Serde<T> codec(Function<T, byte[]> encode, Function<byte[], T> decode) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : encode.apply(value),
                (topic, bytes) -> bytes == null ? null : decode.apply(bytes));
    }
}

package io.innopoints.sink.consume;

import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** The topics the sink materializes, named by the catalog, each with its Confluent-wire Avro value deserializer. */
public final class SinkTopics {
    /** Consumed topics: scores, ranking changes, leaderboards, shadow-model diffs, ingest's and scoring-stream's dead letters. */
    public static final List<Topic> CONSUMED = List.of(Topic.ENTERPRISE_SCORES, Topic.RANKING_CHANGES,
            Topic.LEADERBOARDS, Topic.MODEL_SHADOW_DIFFS, Topic.INGEST_REJECTED, Topic.SCORING_STREAM_DLQ);

    private SinkTopics() {
    }

    public static List<String> names(TopicCatalog catalog) {
        return CONSUMED.stream().map(catalog::name).toList();
    }

    /** Value deserializers by topic name; they only look schemas up, never register. */
    public static Map<String, Deserializer<? extends SpecificRecord>> deserializers(TopicCatalog catalog,
                                                                                   SchemaRegistryClient registry) {
        Map<String, Deserializer<? extends SpecificRecord>> out = new LinkedHashMap<>();
        for (Topic t : CONSUMED) {
            out.put(catalog.name(t), deserializer(t.valueType(), registry));
        }
        return out;
    }

    private static <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type, SchemaRegistryClient registry) {
        return AvroSerdes.value(type, registry, false).deserializer();
    }
}

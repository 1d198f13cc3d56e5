package io.innopoints.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.ingest.app.IngestRuntime;
import io.innopoints.ingest.bulk.BulkLoader;
import io.innopoints.ingest.bulk.LoadRequest;
import io.innopoints.ingest.bulk.LoadSummary;
import io.innopoints.ingest.bulk.ProgressListener;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.kafka.KafkaPublishedLog;
import io.innopoints.localstack.generator.EventFlag;
import io.innopoints.localstack.generator.GeneratedEvent;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.LogFiles;
import io.innopoints.localstack.generator.SampleData;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bulk loader on the embedded platform with the sample-data generator's files of the 2,807-enterprise seed zone:
 * per event type, exactly the generated valid events are accepted, re-sends counted as duplicates and the malformed
 * ones rejected; the topics then hold each accepted eventId once and one dead letter per rejected line.
 */
class BulkLoadIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    @TempDir
    static Path dir;

    /** Expected counts per type: accepted, duplicates, rejected. */
    private static final Map<EventType, long[]> EXPECTED = new EnumMap<>(EventType.class);

    @BeforeAll
    static void generate() {
        GeneratorConfig config = GeneratorConfig.defaults();
        LogFiles.write(config, dir.resolve("jsonl"), LogFiles.Format.JSONL);
        LogFiles.write(config, dir.resolve("csv"), LogFiles.Format.CSV);
        for (EventType type : EventType.values()) {
            EXPECTED.put(type, new long[3]);
        }
        try (SampleData.GeneratedLog log = SampleData.generate(config)) {
            while (log.hasNext()) {
                GeneratedEvent e = log.next();
                long[] counts = EXPECTED.get(e.type());
                counts[e.flag() == EventFlag.MALFORMED ? 2 : e.flag() == EventFlag.DUPLICATE ? 1 : 0]++;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LogFiles.Format.class)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldLoadTheGeneratorsFilesWithExactCounts(LogFiles.Format format) throws IOException {
        // given
        TopicCatalog topics = platform.uniqueCatalog(3);
        IngestConfig config = Platforms.config(platform, topics, Map.of());
        long rejectedTotal = 0;
        try (IngestRuntime runtime = new IngestRuntime(config, Clock.systemUTC());
             KafkaPublishedLog log = new KafkaPublishedLog(config)) {
            BulkLoader loader = new BulkLoader(runtime.service(), runtime.validator(), runtime.publisher(), log,
                    config.publishTimeout());
            for (EventType type : EventType.values()) {
                Path file = dir.resolve(format.extension()).resolve(type.id() + "." + format.extension());
                Path work = dir.resolve(format.extension() + "-" + type.id());
                // when
                LoadSummary summary = loader.load(new LoadRequest(type, file, null, Path.of(work + ".checkpoint.json"),
                        Path.of(work + ".errors.csv"), 1000, false), ProgressListener.NONE);
                // then
                long[] expected = EXPECTED.get(type);
                assertThat(new long[] {summary.accepted(), summary.duplicates(), summary.rejected()})
                        .as(type.id() + " accepted, duplicates, rejected: " + summary.describe()).containsExactly(expected);
                assertThat(summary.exitCode()).isEqualTo(expected[2] > 0 ? 1 : 0);
                // the rejected lines are exactly the malformed lines the generator's manifest lists for this file
                java.util.Set<Long> reported = new java.util.TreeSet<>();
                java.nio.file.Files.readAllLines(Path.of(work + ".errors.csv")).stream().skip(1)
                        .forEach(row -> reported.add(Long.parseLong(row.substring(0, row.indexOf(',')))));
                assertThat(reported).as(type.id() + " rejected lines").isEqualTo(manifestLines(format, file.getFileName().toString()));
                rejectedTotal += expected[2];
                List<ConsumerRecord<String, SpecificRecord>> records = consume(topics.name(type.topic()), type, expected[0]);
                Map<String, Integer> perId = new HashMap<>();
                records.forEach(r -> perId.merge((String) r.value().get(r.value().getSchema().getField("eventId").pos()), 1, Integer::sum));
                assertThat(perId).as(type.id() + " eventIds in the topic").hasSize((int) expected[0]);
                assertThat(perId.values()).as("each once").allMatch(n -> n == 1);
            }
        }
        long total = rejectedTotal;
        var letters = platform.consumeUntil(topics.name(Topic.INGEST_REJECTED), DeadLetter.class, read -> read.size() >= total);
        assertThat(letters).hasSize((int) total);
        assertThat(letters).allSatisfy(r -> assertThat(r.value().getSourceLine()).isPositive());
    }

    private static java.util.Set<Long> manifestLines(LogFiles.Format format, String fileName) throws IOException {
        var manifest = io.innopoints.schemas.json.AvroJson.mapper().readTree(dir.resolve(format.extension()).resolve("manifest.json").toFile());
        java.util.Set<Long> lines = new java.util.TreeSet<>();
        manifest.get("malformed").forEach(m -> {
            if (m.get("file").asText().equals(fileName)) {
                lines.add(m.get("line").asLong());
            }
        });
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static List<ConsumerRecord<String, SpecificRecord>> consume(String topic, EventType type, long count) {
        Class<SpecificRecord> cls = (Class<SpecificRecord>) type.recordClass();
        return platform.consumeUntil(topic, cls, read -> read.size() >= count);
    }

    @Test
    void shouldHaveGeneratedMalformedAndDuplicateRecords() {
        assertThat(EXPECTED.values().stream().mapToLong(c -> c[2]).sum()).isPositive();
        assertThat(EXPECTED.values().stream().mapToLong(c -> c[1]).sum()).isPositive();
    }
}

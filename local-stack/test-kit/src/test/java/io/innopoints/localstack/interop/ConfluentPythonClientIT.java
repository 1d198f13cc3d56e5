package io.innopoints.localstack.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.registry.RegisteredSchema;
import io.innopoints.schemas.validation.Validated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's own client (Debian's python3-confluent-kafka, module {@code confluent_kafka.avro}) against our
 * serde and our embedded registry, both directions. Python fetches writer schemas by the id in each record
 * ({@code GET /schemas/ids/{id}}) and registers its own ({@code POST /subjects/{s}/versions}); a wrong magic byte,
 * id, Avro encoding or REST reply makes these tests fail.
 */
class ConfluentPythonClientIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path work;
    private static Path script;

    @BeforeAll
    static void copyScript() throws IOException {
        script = work.resolve("confluent_interop.py");
        try (InputStream in = ConfluentPythonClientIT.class.getResourceAsStream("/interop/confluent_interop.py")) {
            Files.copy(in, script);
        }
    }

    @BeforeEach
    void requirePython() {
        // pyenv's python3 on PATH lacks these modules: Debian's interpreter has them
        ExternalTool.require(PYTHON, "apt-get install python3-confluent-kafka python3-avro python3-requests",
                PYTHON, "-c", "import confluent_kafka.avro, avro, requests");
    }

    @Test
    @Timeout(150)
    void shouldLetConfluentsAvroConsumerReadEveryFieldOurSerializerWrote() throws IOException {
        // Given: records of five types written by our serializer, registered in our registry
        Map<String, List<SpecificRecord>> sent = new LinkedHashMap<>();
        sent.put(platform.uniqueTopic("patents", 1, false), List.of(SampleRecords.patent(1, "一种储能装置"),
                SampleRecords.patent(2, null), SampleRecords.patent(3, "Résumé \"quoted\" \\ slash")));
        sent.put(platform.uniqueTopic("registrations", 1, false), List.of(SampleRecords.registration()));
        sent.put(platform.uniqueTopic("tax", 1, false), List.of(SampleRecords.taxFiling()));
        sent.put(platform.uniqueTopic("credentials", 1, false), List.of(SampleRecords.credential()));
        sent.put(platform.uniqueTopic("dead-letters", 1, false), List.of(SampleRecords.deadLetter()));
        Map<String, List<String>> keys = new LinkedHashMap<>();
        sent.forEach((topic, values) -> keys.put(topic, produceWithOurSerializer(topic, values)));
        int total = sent.values().stream().mapToInt(List::size).sum();

        // When
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(),
                "--bootstrap", platform.bootstrapServers(), "--registry", platform.schemaRegistryUrl(),
                "--timeout", "60", "consume", "--group", platform.uniqueName("python"),
                "--count", Integer.toString(total)));
        command.addAll(sent.keySet());
        ExternalTool.Result result = ExternalTool.run(command, Map.of(), PROCESS_TIMEOUT);

        // Then: every record, key and field as we wrote it, in offset order per topic
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode records = JSON.readTree(result.stdout()).get("records");
        assertThat(records).hasSize(total);
        Map<String, List<JsonNode>> byTopic = new LinkedHashMap<>();
        records.forEach(r -> byTopic.computeIfAbsent(r.get("topic").asText(), t -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<SpecificRecord>> expected : sent.entrySet()) {
            List<JsonNode> read = byTopic.getOrDefault(expected.getKey(), List.of());
            assertThat(read).as(expected.getKey()).hasSize(expected.getValue().size());
            for (int i = 0; i < read.size(); i++) {
                JsonNode record = read.get(i);
                SpecificRecord want = expected.getValue().get(i);
                assertThat(record.get("offset").asLong()).isEqualTo(i);
                assertThat(record.get("key").asText()).isEqualTo(keys.get(expected.getKey()).get(i));
                Validated<? extends SpecificRecord> decoded = AvroJson.read(record.get("value"), want.getClass());
                assertThat(decoded.problems()).as("python's JSON for %s", want.getClass().getSimpleName()).isEmpty();
                assertThat(decoded.value()).as("python read every field of a %s", want.getClass().getSimpleName())
                        .isEqualTo(want);
            }
        }
    }

    @Test
    @Timeout(150)
    void shouldReadWhatConfluentsAvroProducerWroteWithItsOwnSchemasIntoOurSpecificClass() throws IOException {
        // Given: Python's own writer schema for patents: an older shape without 'title', fields in another order
        String topic = platform.uniqueTopic("python-patents", 1, false);
        Path writerSchema = work.resolve(topic + ".avsc");
        Files.writeString(writerSchema, patentSchemaWithoutTitleReordered(), StandardCharsets.UTF_8);
        List<PatentEvent> expected = List.of(SampleRecords.patent(4, null), SampleRecords.patent(5, null));
        StringBuilder input = new StringBuilder();
        for (PatentEvent patent : expected) {
            ObjectNode value = AvroJson.write(patent);
            value.remove("title");
            value.put("eventTime", patent.getEventTime().toEpochMilli());
            input.append(JSON.writeValueAsString(JSON.createObjectNode().put("key", patent.getCreditCode())
                    .set("value", value))).append('\n');
        }
        Path inputFile = work.resolve(topic + ".jsonl");
        Files.writeString(inputFile, input, StandardCharsets.UTF_8);

        // When: Confluent's AvroProducer registers its schemas in our registry and writes
        ExternalTool.Result result = ExternalTool.run(List.of("/bin/sh", "-c",
                "exec \"$0\" \"$1\" --bootstrap \"$2\" --registry \"$3\" produce --topic \"$4\" --value-schema \"$5\""
                        + " < \"$6\"",
                PYTHON, script.toString(), platform.bootstrapServers(), platform.schemaRegistryUrl(), topic,
                writerSchema.toString(), inputFile.toString()), Map.of(), PROCESS_TIMEOUT);

        // Then: Python's schemas are in our registry under Confluent's subject names ...
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(JSON.readTree(result.stdout()).get("delivered")).hasSize(2);
        assertThat(platform.registryClient().subjects()).contains(topic + "-key", topic + "-value");
        RegisteredSchema registered = platform.registryClient().getLatest(topic + "-value");
        assertThat(registered.schema().getField("title")).isNull();
        assertThat(platform.registryClient().getLatest(topic + "-key").schema().getType())
                .isEqualTo(Schema.Type.STRING);

        // ... and our deserializer resolves Python's writer schema into our class (title takes its default)
        List<ConsumerRecord<String, PatentEvent>> read = platform.consumeAtLeast(topic, PatentEvent.class, 2);
        assertThat(read).extracting(ConsumerRecord::key)
                .containsExactly(expected.get(0).getCreditCode(), expected.get(1).getCreditCode());
        assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(expected);
    }

    /** Writes each value with our serializer, keyed by its credit code (dead letters: the enterprise's). */
    private static List<String> produceWithOurSerializer(String topic, List<SpecificRecord> values) {
        List<String> keys = new ArrayList<>();
        for (SpecificRecord value : values) {
            Schema.Field creditCode = value.getSchema().getField("creditCode");
            String key = creditCode != null ? (String) value.get(creditCode.pos()) : SampleRecords.ENTERPRISE;
            keys.add(key);
            platform.produce(topic, key, value);
        }
        return keys;
    }

    private static String patentSchemaWithoutTitleReordered() throws IOException {
        ObjectNode schema = (ObjectNode) JSON.readTree(PatentEvent.getClassSchema().toString());
        List<JsonNode> fields = new ArrayList<>();
        schema.get("fields").forEach(f -> {
            if (!f.get("name").asText().equals("title")) {
                fields.add(f);
            }
        });
        Collections.reverse(fields);
        ArrayNode reordered = JSON.createArrayNode();
        fields.forEach(reordered::add);
        schema.set("fields", reordered);
        return JSON.writeValueAsString(schema);
    }
}

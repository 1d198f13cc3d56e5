package io.innopoints.localstack.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kcat (librdkafka, not the Java client) talks to the embedded broker: it lists the catalog topics, and the raw
 * bytes it consumes are exactly the Confluent wire format — magic byte 0, the big-endian schema id the registry
 * gave the subject, then plain Avro binary — decoded here without our deserializer.
 */
class KcatIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void requireKcat() {
        ExternalTool.require("kcat", "apt-get install kcat", "kcat", "-V");
    }

    @Test
    @Timeout(60)
    void shouldListEveryCatalogTopicWithItsPartitions() throws IOException {
        // Given
        TopicCatalog catalog = platform.uniqueCatalog(2);

        // When
        ExternalTool.Result result = ExternalTool.run(
                List.of("kcat", "-b", platform.bootstrapServers(), "-L", "-J", "-m", "15"), Map.of(),
                Duration.ofSeconds(30));

        // Then
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode metadata = JSON.readTree(result.stdout());
        Map<String, Integer> partitions = new HashMap<>();
        metadata.get("topics").forEach(t -> partitions.put(t.get("topic").asText(), t.get("partitions").size()));
        for (Topic topic : Topic.values()) {
            assertThat(partitions).containsEntry(catalog.name(topic), 2);
        }
        assertThat(metadata.get("brokers")).hasSize(1);
        assertThat(metadata.get("brokers").get(0).get("name").asText()).isEqualTo(platform.bootstrapServers());
    }

    @Test
    @Timeout(60)
    void shouldConsumeRawConfluentWireFormatRecords() throws IOException {
        // Given: records written by our serializer
        String topic = platform.uniqueTopic("patents", 1, false);
        List<PatentEvent> sent = List.of(SampleRecords.patent(1, "一种储能装置"), SampleRecords.patent(2, null),
                SampleRecords.patent(3, "Résumé of a PCT filing"));
        List<ProducerRecord<String, PatentEvent>> records = new ArrayList<>();
        sent.forEach(p -> records.add(new ProducerRecord<>(topic, p.getCreditCode(), p)));
        platform.produce(topic, PatentEvent.class, records);
        int keyId = platform.registryClient().lookup(topic + "-key", org.apache.avro.Schema.create(
                org.apache.avro.Schema.Type.STRING)).orElseThrow().id();
        int valueId = platform.registryClient().lookup(topic + "-value", PatentEvent.getClassSchema())
                .orElseThrow().id();

        // When: kcat prints offset, key length, value length, then the raw key and value bytes
        ExternalTool.Result result = ExternalTool.run(List.of("kcat", "-b", platform.bootstrapServers(), "-C",
                "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%o,%K,%S:%k%s"), Map.of(), Duration.ofSeconds(30));

        // Then
        assertThat(result.exitCode()).as(result.describe()).isZero();
        List<RawRecord> raw = RawRecord.parseAll(result.stdout());
        assertThat(raw).hasSize(3);
        for (int i = 0; i < raw.size(); i++) {
            RawRecord r = raw.get(i);
            assertThat(r.offset()).isEqualTo(i);
            ByteBuffer key = ByteBuffer.wrap(r.key());
            assertThat(key.get()).as("key magic byte").isZero();
            assertThat(key.getInt()).as("key schema id").isEqualTo(keyId);
            assertThat(decoder(key).readString()).isEqualTo(sent.get(i).getCreditCode());

            ByteBuffer value = ByteBuffer.wrap(r.value());
            assertThat(value.get()).as("value magic byte").isZero();
            assertThat(value.getInt()).as("value schema id").isEqualTo(valueId);
            BinaryDecoder decoder = decoder(value);
            PatentEvent decoded = new SpecificDatumReader<>(PatentEvent.class).read(null, decoder);
            assertThat(decoded).isEqualTo(sent.get(i));
            assertThat(decoder.isEnd()).as("no trailing bytes").isTrue();
        }
    }

    private static BinaryDecoder decoder(ByteBuffer rest) {
        return DecoderFactory.get().binaryDecoder(rest.array(), rest.position(), rest.remaining(), null);
    }

    /** One record of kcat's {@code %o,%K,%S:%k%s} output. */
    record RawRecord(long offset, byte[] key, byte[] value) {
        static List<RawRecord> parseAll(byte[] out) {
            List<RawRecord> records = new ArrayList<>();
            int pos = 0;
            while (pos < out.length) {
                int colon = indexOf(out, (byte) ':', pos);
                String[] header = new String(out, pos, colon - pos, StandardCharsets.US_ASCII).split(",");
                int keyLength = Integer.parseInt(header[1]);
                int valueLength = Integer.parseInt(header[2]);
                int keyStart = colon + 1;
                int valueStart = keyStart + Math.max(keyLength, 0);
                byte[] key = java.util.Arrays.copyOfRange(out, keyStart, valueStart);
                byte[] value = java.util.Arrays.copyOfRange(out, valueStart, valueStart + Math.max(valueLength, 0));
                records.add(new RawRecord(Long.parseLong(header[0]), key, value));
                pos = valueStart + Math.max(valueLength, 0);
            }
            return records;
        }

        private static int indexOf(byte[] bytes, byte b, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == b) {
                    return i;
                }
            }
            throw new IllegalArgumentException("malformed kcat output at byte " + from);
        }
    }
}

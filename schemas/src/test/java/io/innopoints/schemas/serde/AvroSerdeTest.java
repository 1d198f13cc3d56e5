package io.innopoints.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.registry.InMemorySchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AvroSerdeTest {
    private static final String TOPIC = "patent-events";

    private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    private static PatentEvent patent() {
        return PatentEvent.newBuilder()
                .setEventId("evt-1")
                .setEventTime(Instant.parse("2024-05-01T08:00:00Z"))
                .setProvider("patent-office")
                .setCreditCode("91350100M000100Y43")
                .setPatentNumber("CN202310123456.7")
                .setPatentType(PatentType.INVENTION)
                .setAction(PatentAction.GRANTED)
                .setActionDate(LocalDate.parse("2024-04-30"))
                .setTitle("一种电池")
                .build();
    }

    @Test
    void shouldWriteMagicByteBigEndianIdAndPlainAvroPayload() throws IOException {
        // Given a registry where another subject already took id 1, so the id bytes are not trivially 0 0 0 1
        registry.register("other-value", Schema.create(Schema.Type.LONG));
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry);

        // When
        byte[] bytes = serde.serializer().serialize(TOPIC, patent());

        // Then: 0, id as 4 big-endian bytes, then Avro binary that plain Avro decodes with the registered schema
        int id = registry.lookup(TOPIC + "-value", PatentEvent.getClassSchema()).orElseThrow().id();
        assertThat(id).isEqualTo(2);
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 0, 2);
        Schema writer = registry.getById(id);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(decoded.get("eventId").toString()).isEqualTo("evt-1");
        assertThat(decoded.get("eventTime")).isEqualTo(Instant.parse("2024-05-01T08:00:00Z").toEpochMilli());
        assertThat(decoded.get("title").toString()).isEqualTo("一种电池");
        assertThat(decoded.get("patentType").toString()).isEqualTo("INVENTION");
    }

    @Test
    void shouldWriteLargeIdsBigEndian() {
        // Given a registry that already holds 300 schemas, so the id needs two bytes
        for (int i = 0; i < 299; i++) {
            registry.register("filler-" + i + "-value", SchemaBuilder.record("R" + i).fields().endRecord());
        }
        Serde<String> keys = AvroSerdes.stringKey(registry);

        // When
        byte[] bytes = keys.serializer().serialize(TOPIC, "k");

        // Then 300 = 0x012C
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 0x01, 0x2C);
    }

    @Test
    void shouldWriteKeysAsAvroStringUnderKeySubject() {
        // Given
        Serde<String> keys = AvroSerdes.stringKey(registry);

        // When
        byte[] bytes = keys.serializer().serialize(TOPIC, "91350100M000100Y43");

        // Then: header, zig-zag length 18 → 36, then the UTF-8 bytes
        int id = registry.getLatest(TOPIC + "-key").id();
        assertThat(registry.getById(id)).isEqualTo(Schema.create(Schema.Type.STRING));
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(bytes[5]).isEqualTo((byte) 36);
        assertThat(new String(bytes, 6, bytes.length - 6)).isEqualTo("91350100M000100Y43");
        assertThat(keys.deserializer().deserialize(TOPIC, bytes)).isEqualTo("91350100M000100Y43");
        assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void shouldRoundTripEveryTopicsValueType(Topic topic) {
        // Given random values of the topic's record type, written generically with the class's schema
        Class<? extends SpecificRecord> type = topic.valueType();
        Schema schema = SpecificData.get().getSchema(type);
        RandomRecords random = new RandomRecords(topic.ordinal());
        AvroSerializer<Object> genericWriter = new AvroSerializer<>(registry, false, true);
        AvroDeserializer<Object> specificReader = new AvroDeserializer<>(registry, (Class<Object>) (Class<?>) type);
        AvroSerializer<Object> specificWriter = new AvroSerializer<>(registry, false, true);

        for (int i = 0; i < 20; i++) {
            Object generic = random.next(schema);
            byte[] written = genericWriter.serialize(topic.defaultName(), generic);

            // When read into the generated class and written again
            Object specific = specificReader.deserialize(topic.defaultName(), written);
            byte[] rewritten = specificWriter.serialize(topic.defaultName(), specific);

            // Then it is an instance of the class and encodes to the very same bytes
            assertThat(specific).isInstanceOf(type);
            assertThat(rewritten).containsExactly(written);
        }
        assertThat(registry.versions(topic.defaultName() + "-value")).containsExactly(1);
    }

    @Test
    void shouldRoundTripSpecificRecordThroughFactorySerde() {
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry);

        PatentEvent back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, patent()));

        assertThat(back).isEqualTo(patent());
        assertThat(back.getActionDate()).isEqualTo(LocalDate.parse("2024-04-30"));
    }

    @Test
    void shouldReadOlderWriterSchemaIntoNewerReader() throws IOException {
        // Given a record written with an older PatentEvent that had no 'title' and no 'retractsEventId'
        Schema current = PatentEvent.getClassSchema();
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(current.getName())
                .namespace(current.getNamespace()).fields();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("title") && !f.name().equals("retractsEventId")) {
                fields = fields.name(f.name()).type(f.schema()).noDefault();
            }
        }
        Schema older = fields.endRecord();
        int id = registry.register(TOPIC + "-value", older);
        GenericRecord record = new GenericData.Record(older);
        record.put("eventId", "evt-old");
        record.put("eventTime", 1_714_550_400_000L);
        record.put("provider", "patent-office");
        record.put("creditCode", "91350100M000100Y43");
        record.put("patentNumber", "CN1");
        record.put("patentType", new GenericData.EnumSymbol(older.getField("patentType").schema(), "PCT"));
        record.put("action", new GenericData.EnumSymbol(older.getField("action").schema(), "FILED"));
        record.put("actionDate", 19_000);
        byte[] bytes = confluentFrame(id, older, record);

        // When read as today's class
        PatentEvent event = AvroSerdes.value(PatentEvent.class, registry).deserializer().deserialize(TOPIC, bytes);

        // Then the new optional fields take their defaults and the rest resolves
        assertThat(event.getEventId()).isEqualTo("evt-old");
        assertThat(event.getTitle()).isNull();
        assertThat(event.getRetractsEventId()).isNull();
        assertThat(event.getPatentType()).isEqualTo(PatentType.PCT);
        assertThat(event.getActionDate()).isEqualTo(LocalDate.ofEpochDay(19_000));
        assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_714_550_400_000L));
    }

    @Test
    void shouldReadNewerWriterSchemaWithExtraFieldIntoCurrentReader() throws IOException {
        // Given a producer that already uses a newer PatentEvent with an extra optional field
        Schema current = PatentEvent.getClassSchema();
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(current.getName())
                .namespace(current.getNamespace()).fields();
        for (Schema.Field f : current.getFields()) {
            fields = f.hasDefaultValue() ? fields.name(f.name()).type(f.schema()).withDefault(null)
                    : fields.name(f.name()).type(f.schema()).noDefault();
        }
        Schema newer = fields.name("claims").type().intType().intDefault(0).endRecord();
        registry.register(TOPIC + "-value", current);
        int id = registry.register(TOPIC + "-value", newer);
        GenericRecord record = new GenericData.Record(newer);
        PatentEvent p = patent();
        for (Schema.Field f : current.getFields()) {
            Object v = p.get(f.pos());
            record.put(f.name(), v instanceof Enum<?> e ? new GenericData.EnumSymbol(f.schema(), e.name())
                    : v instanceof Instant t ? t.toEpochMilli() : v instanceof LocalDate d ? (int) d.toEpochDay() : v);
        }
        record.put("claims", 12);

        // When
        PatentEvent event = AvroSerdes.value(PatentEvent.class, registry).deserializer()
                .deserialize(TOPIC, confluentFrame(id, newer, record));

        // Then the unknown field is skipped
        assertThat(event).isEqualTo(p);
    }

    @Test
    void shouldNameTopicAndFieldWhenRequiredFieldIsNull() {
        PatentEvent broken = patent();
        broken.setPatentNumber(null);

        assertThatThrownBy(() -> AvroSerdes.value(PatentEvent.class, registry).serializer().serialize(TOPIC, broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("patentNumber");
    }

    @Test
    void shouldPassNullThroughAsTombstone() {
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldWriteARecordIntactAfterOneFailedHalfwayOnTheSameThread() {
        // Given a record that fails after its first fields were buffered (the encoder and buffer are reused per thread)
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry);
        PatentEvent broken = patent();
        broken.setPatentNumber(null);
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken))
                .isInstanceOf(SerializationException.class);

        // When a valid one is written next
        byte[] bytes = serde.serializer().serialize(TOPIC, patent());

        // Then nothing of the failed one is in it
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(patent());
    }

    @Test
    void shouldRejectUnknownMagicByteNamingTopic() {
        byte[] bytes = {1, 0, 0, 0, 1, 2};

        assertThatThrownBy(() -> AvroSerdes.value(PatentEvent.class, registry).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 1")
                .hasMessageContaining("'" + TOPIC + "'");
    }

    @Test
    void shouldRejectTooShortPayload() {
        byte[] bytes = {0, 0, 1};

        assertThatThrownBy(() -> AvroSerdes.stringKey(registry).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining("3 bytes");
    }

    @Test
    void shouldRejectUnknownSchemaIdNamingTopicAndId() {
        byte[] bytes = {0, 0, 0, 0, 42, 2, 'a'};

        assertThatThrownBy(() -> AvroSerdes.stringKey(registry).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 42")
                .hasMessageContaining("'" + TOPIC + "'");
    }

    @Test
    void shouldRejectTruncatedAvroPayload() {
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry);
        byte[] full = serde.serializer().serialize(TOPIC, patent());

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(full, 12)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("schema id 1");
    }

    @Test
    void shouldRejectWriterSchemaThatCannotResolveIntoReader() {
        // Given a string written under the value subject, read as a PatentEvent
        byte[] bytes = AvroSerdes.stringValue(registry).serializer().serialize(TOPIC, "not a patent");

        assertThatThrownBy(() -> AvroSerdes.value(PatentEvent.class, registry).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(PatentEvent.class.getName());
    }

    @Test
    void shouldFailWithoutAutoRegisterWhenSchemaIsUnknown() {
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry, false);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, patent()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject '" + TOPIC + "-value'");
    }

    @Test
    void shouldUseRegisteredIdWithoutAutoRegister() {
        int id = registry.register(TOPIC + "-value", PatentEvent.getClassSchema());

        byte[] bytes = AvroSerdes.value(PatentEvent.class, registry, false).serializer().serialize(TOPIC, patent());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void shouldRejectIncompatibleWriterSchemaWithRegistryReason() {
        // Given a subject holding a string schema under the default BACKWARD level
        AvroSerdes.stringValue(registry).serializer().serialize(TOPIC, "x");

        // When a record schema is registered under the same subject
        assertThatThrownBy(() -> AvroSerdes.value(PatentEvent.class, registry).serializer().serialize(TOPIC, patent()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("error_code 409")
                .hasMessageContaining(TOPIC + "-value");
    }

    @Test
    void shouldReadGenericallyWithoutTargetType() {
        byte[] bytes = AvroSerdes.value(PatentEvent.class, registry).serializer().serialize(TOPIC, patent());

        Object value = AvroSerdes.generic(registry, false).deserializer().deserialize(TOPIC, bytes);

        assertThat(value).isInstanceOf(GenericRecord.class);
        assertThat(((GenericRecord) value).get("patentNumber").toString()).isEqualTo("CN202310123456.7");
    }

    @Test
    void shouldNameMissingRegistryUrlWhenConfiguredFromProperties() {
        AvroSerializer<Object> serializer = new AvroSerializer<>();

        assertThatThrownBy(() -> serializer.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldNameBadAutoRegisterValue() {
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of("schema.registry.url", "http://127.0.0.1:1",
                "auto.register.schemas", "maybe"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void shouldNameUnknownSpecificType() {
        assertThatThrownBy(() -> new AvroDeserializer<>().configure(Map.of("schema.registry.url", "http://127.0.0.1:1",
                "specific.avro.value.type", "io.innopoints.Nope"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.value.type");
    }

    @Test
    void shouldTrustInnoPointsPackagesAfterInstall() {
        assertThat(AvroTrust.install()).isTrue();
        assertThat(System.getProperty(AvroTrust.PROPERTY)).contains("io.innopoints");
    }

    @Test
    void shouldSetEveryAbsentLimitAndKeepOneSetByTheOperator() {
        String string = org.apache.avro.SystemLimitException.MAX_STRING_LENGTH_PROPERTY;
        String items = org.apache.avro.SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY;
        String savedString = System.getProperty(string);
        String savedItems = System.getProperty(items);
        try {
            System.clearProperty(string);
            System.setProperty(items, "42");

            AvroLimits.install();

            assertThat(System.getProperty(string)).isEqualTo(Integer.toString(AvroLimits.MAX_LENGTH));
            assertThat(System.getProperty(items)).isEqualTo("42");
        } finally {
            restore(string, savedString);
            restore(items, savedItems);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void shouldRefuseAStringLengthBeyondTwoGibibytesAsARecordError() {
        // regression: Avro threw UnsupportedOperationException, which no caller handles, for a length above 2^31 - 9
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry);
        byte[] header = Arrays.copyOf(serde.serializer().serialize(TOPIC, patent()), 5);
        byte[] claim = AvroDeserializerFuzzProperties.concat(header, AvroDeserializerFuzzProperties.zigZagVarint(1L << 40));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, claim))
                .isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC);
    }

    @Test
    void shouldRefuseALengthAboveTheLimitBeforeAllocatingIt() {
        // regression: a 10-byte record claiming a 1 GB eventId made Avro allocate 1 GB (OutOfMemoryError at -Xmx1g)
        Serde<PatentEvent> serde = AvroSerdes.value(PatentEvent.class, registry);
        byte[] header = Arrays.copyOf(serde.serializer().serialize(TOPIC, patent()), 5);
        byte[] claim = AvroDeserializerFuzzProperties.concat(header,
                AvroDeserializerFuzzProperties.zigZagVarint(1_000_000_000L), "evt".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(AvroLimits.bounded()).isTrue();
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, claim))
                .isInstanceOf(SerializationException.class).hasRootCauseInstanceOf(org.apache.avro.SystemLimitException.class);
    }

    @Test
    void shouldRefuseAnArrayCountAboveTheLimitBeforeAllocatingIt() {
        // a leaderboard whose entries claim 2^31 - 9 items: Avro would size an Object[] for all of them first
        Serde<io.innopoints.schemas.score.Leaderboard> serde = AvroSerdes.value(io.innopoints.schemas.score.Leaderboard.class, registry);
        Schema schema = io.innopoints.schemas.score.Leaderboard.getClassSchema();
        int id = registry.register("leaderboards-value", schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        for (Schema.Field f : schema.getFields()) {
            if (f.schema().getType() == Schema.Type.ARRAY) {
                out.writeBytes(AvroDeserializerFuzzProperties.zigZagVarint(Integer.MAX_VALUE - 9L));
                break;
            }
            out.writeBytes(AvroDeserializerFuzzProperties.zigZagVarint(0));
        }
        byte[] claim = out.toByteArray();

        assertThatThrownBy(() -> serde.deserializer().deserialize("leaderboards", claim))
                .isInstanceOf(SerializationException.class);
    }

    static byte[] confluentFrame(int id, Schema writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(writer).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}

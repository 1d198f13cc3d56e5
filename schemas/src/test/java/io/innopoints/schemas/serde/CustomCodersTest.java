package io.innopoints.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.schemas.score.IndicatorScore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** Byte equality with Avro's default writer for every topic's type is {@code AvroSerdeTest}'s round trip. */
class CustomCodersTest {
    /** An explanation that counts how often it encoded itself. */
    static final class CountingExplanation extends Explanation {
        int customEncodes;

        CountingExplanation() {
            super(ChangeKind.DATA, List.of("evt-1", "evt-2"), null, "startup", null,
                    List.of(new IndicatorDelta("i1", 0.0, 2.5, 2.5)));
        }

        @Override
        public void customEncode(Encoder out) throws IOException {
            customEncodes++;
            super.customEncode(out);
        }
    }

    private static EnterpriseScore score(Explanation explanation) {
        return new EnterpriseScore("91350100M000100Y43", "一种电池公司", "350100", "C38", "zone-20n", "1",
                Instant.parse("2026-06-30T00:00:00Z"), 1L << 32, "startup", true, 2.5, List.of(),
                List.of(new IndicatorScore("i1", "tech", null, "count", 2.5)), List.of(), explanation);
    }

    private static byte[] encode(DatumWriter<EnterpriseScore> writer, EnterpriseScore score) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(score, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void shouldTurnCustomCodersOnInACopyOfTheClassModelWithItsConversions() {
        Schema schema = EnterpriseScore.getClassSchema();

        SpecificData model = CustomCoders.model(schema);

        assertThat(model.useCustomCoders()).isTrue();
        assertThat(model).isNotSameAs(SpecificData.getForSchema(schema));
        assertThat(SpecificData.getForSchema(schema).useCustomCoders()).as("the class's shared model").isFalse();
        assertThat(model.getConversionFor(LogicalTypes.timestampMillis())).as("asOf's Instant").isNotNull();
    }

    @Test
    void shouldLetNestedRecordsEncodeThemselvesToTheSameBytes() throws IOException {
        // Given a score (a logical type at the top: written generically) whose explanation counts its own encodings
        CountingExplanation explanation = new CountingExplanation();
        EnterpriseScore score = score(explanation);

        // When it is written by Avro's default writer and by the custom coders' writer
        byte[] byDefault = encode(new SpecificDatumWriter<>(EnterpriseScore.getClassSchema()), score);
        int afterDefault = explanation.customEncodes;
        byte[] custom = encode(CustomCoders.writer(EnterpriseScore.getClassSchema()), score);

        // Then only the second let the explanation encode itself, the bytes are the same and read back equal
        assertThat(afterDefault).isZero();
        assertThat(explanation.customEncodes).isEqualTo(1);
        assertThat(custom).containsExactly(byDefault);
        EnterpriseScore back = new SpecificDatumReader<>(EnterpriseScore.class)
                .read(null, DecoderFactory.get().binaryDecoder(custom, null));
        assertThat(back).isEqualTo(score(new Explanation(explanation.getKind(), explanation.getCauseEventIds(), null,
                "startup", null, explanation.getIndicatorDeltas())));
    }
}

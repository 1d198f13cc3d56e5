package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.scoring.evaluate.PercentileInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The internal values in Avro single-object encoding: every kind round-trips, ids are interned, and values written
 * by the earlier hand-framed codec (fixtures in {@code legacy-internal/}, made by that codec before it was removed)
 * still decode to the same values.
 */
class InternalCodecTest {
    private static final String CODE = "91310000MA1FL8X04Q";
    private static final EnterpriseRegistration REG = EnterpriseRegistration.newBuilder().setEventId("r1")
            .setCreditCode(CODE).setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
            .setProvider("enterprise-registry").setName("上海测试科技有限公司").setZone("ZONE-A").setIndustry("I65")
            .setFoundedDate(LocalDate.of(2019, 5, 1)).setStatus(EnterpriseStatus.ACTIVE).build();
    private static final StageMessage.Score SCORE = new StageMessage.Score(false, ChangeKind.DATA, CODE, "startup", 7,
            "zone-20n@1", 1_780_000_000_000L, List.of("e1", "e2"), "startup", REG, true, new double[] {1.5, 0.25, 3},
            new double[] {2.5, 0, 4}, List.of(new PercentileInput(1, "revenue-growth", "zone:ZONE-A:startup", 0.25)));
    private static final StageMessage.Leave LEAVE = new StageMessage.Leave(false, ChangeKind.STAGE, CODE, "startup", 8,
            "zone-20n@1", 1_780_000_000_001L, List.of("e3"), "growth");
    private static final StageMessage.Leave SHADOW_LEAVE = new StageMessage.Leave(true, null, CODE, "growth", 9,
            "zone-20n@2", 1_780_000_000_002L, List.of(), null);
    private static final StageMessage.Handover HANDOVER = new StageMessage.Handover(CODE, "growth", 8,
            1_780_000_000_001L, "startup", "zone-20n@1", new double[] {2.5, 1.25, 4}, List.of("e0"));
    private static final Member MEMBER = new Member(SCORE, new long[] {250, 125, 400}, 775, "startup", "zone-20n@1",
            3, List.of("e9"), -1);
    private static final EnterpriseState STATE = new EnterpriseState(7, "startup", "zone-20n@1", new double[] {1.5},
            new double[] {2.5}, 1_790_000_000_000L, "zone-20n@2", "growth", new long[] {-1, 12, -1, 40, -1});
    private static final BoardState BOARD = new BoardState(4, List.of(new BoardState.Line(1, CODE, 775, "A")), 12);

    @Test
    void shouldRoundTripEveryKindOfStageMessage() {
        assertSameScore((StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(SCORE)), SCORE);
        assertSameScore((StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(SCORE.asShadow())),
                SCORE.asShadow());
        assertThat(InternalCodec.decodeMessage(InternalCodec.encode(LEAVE))).isEqualTo(LEAVE);
        assertThat(InternalCodec.decodeMessage(InternalCodec.encode(SHADOW_LEAVE))).isEqualTo(SHADOW_LEAVE);
        assertSameHandover((StageMessage.Handover) InternalCodec.decodeMessage(InternalCodec.encode(HANDOVER)),
                HANDOVER);
        StageMessage.Handover none = new StageMessage.Handover(CODE, "growth", 8, 1, null, null, null, List.of());
        assertSameHandover((StageMessage.Handover) InternalCodec.decodeMessage(InternalCodec.encode(none)), none);
    }

    @Test
    void shouldRoundTripTheStoredValues() {
        assertSameMember(InternalCodec.decodeMember(InternalCodec.encode(MEMBER)), MEMBER);
        Member awaiting = Member.awaiting(SCORE, List.of("e1"));
        assertSameMember(InternalCodec.decodeMember(InternalCodec.encode(awaiting)), awaiting);
        assertSameState(InternalCodec.decodeState(InternalCodec.encode(STATE)), STATE);
        assertSameState(InternalCodec.decodeState(InternalCodec.encode(EnterpriseState.initial())),
                EnterpriseState.initial());
        assertThat(InternalCodec.decodeBoard(InternalCodec.encode(BOARD))).isEqualTo(BOARD);
        assertThat(InternalCodec.decodeCauses(InternalCodec.encodeCauses(List.of("e1", "e2"))))
                .containsExactly("e1", "e2");
    }

    @Test
    void shouldWriteAvroSingleObjectEncoding() {
        // the marker C3 01, then the 8-byte fingerprint of the writer schema: readable by any Avro implementation
        assertThat(InternalCodec.encode(LEAVE)).startsWith((byte) 0xC3, (byte) 0x01);
        assertThat(InternalCodec.encode(BOARD)).startsWith((byte) 0xC3, (byte) 0x01);
    }

    @Test
    void shouldReadValuesWrittenByTheEarlierHandFramedCodec() throws IOException {
        assertSameScore((StageMessage.Score) InternalCodec.decodeMessage(legacy("score")), SCORE);
        assertSameScore((StageMessage.Score) InternalCodec.decodeMessage(legacy("shadow-score")), SCORE.asShadow());
        assertThat(InternalCodec.decodeMessage(legacy("leave"))).isEqualTo(LEAVE);
        assertThat(InternalCodec.decodeMessage(legacy("shadow-leave"))).isEqualTo(SHADOW_LEAVE);
        assertSameHandover((StageMessage.Handover) InternalCodec.decodeMessage(legacy("handover")), HANDOVER);
        assertSameMember(InternalCodec.decodeMember(legacy("member")), MEMBER);
        assertSameMember(InternalCodec.decodeMember(legacy("awaiting-member")), Member.awaiting(SCORE, List.of("e1")));
        assertSameState(InternalCodec.decodeState(legacy("state")), STATE.withScoredThrough(null));
        assertThat(InternalCodec.decodeBoard(legacy("board"))).isEqualTo(BOARD);
        assertThat(InternalCodec.decodeCauses(legacy("causes"))).containsExactly("e1", "e2");
    }

    @Test
    void shouldRejectBytesOfNeitherEncodingNamingTheRecord() {
        assertThatThrownBy(() -> InternalCodec.decodeBoard(new byte[] {0x42, 0x13}))
                .hasMessageContaining("PublishedBoard");
    }

    @Test
    void shouldShareOneCopyOfTheIdsAcrossDecodedMessages() {
        StageMessage.Score a = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(SCORE));
        StageMessage.Score b = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(SCORE));

        // the rank stage holds these per member in its indexes: one shared instance, not one per enterprise
        assertThat(a.percentileInputs().get(0).cohortId()).isSameAs(b.percentileInputs().get(0).cohortId());
        assertThat(a.percentileInputs().get(0).indicatorId()).isSameAs(b.percentileInputs().get(0).indicatorId());
        assertThat(a.stage()).isSameAs(b.stage());
        assertThat(a.modelKey()).isSameAs(b.modelKey());
        assertThat(a.creditCode()).isSameAs(b.creditCode());
        Member m = InternalCodec.decodeMember(InternalCodec.encode(MEMBER));
        assertThat(m.creditCode()).isSameAs(a.creditCode());
        assertThat(m.publishedModelKey()).isSameAs(a.modelKey());
    }

    @Test
    void shouldInternTheIdsOfLegacyValuesToo() throws IOException {
        StageMessage.Score avro = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(SCORE));
        StageMessage.Score old = (StageMessage.Score) InternalCodec.decodeMessage(legacy("score"));

        assertThat(old.percentileInputs().get(0).cohortId()).isSameAs(avro.percentileInputs().get(0).cohortId());
        assertThat(old.creditCode()).isSameAs(avro.creditCode());
        assertThat(InternalCodec.decodeMember(legacy("member")).publishedModelKey()).isSameAs(avro.modelKey());
    }

    private static byte[] legacy(String name) throws IOException {
        try (InputStream in = InternalCodecTest.class.getResourceAsStream("/legacy-internal/" + name + ".hex")) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    private static void assertSameScore(StageMessage.Score actual, StageMessage.Score expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.values()).containsExactly(expected.values());
        assertThat(actual.points()).containsExactly(expected.points());
    }

    private static void assertSameHandover(StageMessage.Handover actual, StageMessage.Handover expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    private static void assertSameMember(Member actual, Member expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    private static void assertSameState(EnterpriseState actual, EnterpriseState expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }
}

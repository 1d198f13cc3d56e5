package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.scoring.evaluate.PercentileInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalCodecTest {

    private static StageMessage.Score message(String code) {
        // ids built at run time, as a decoder would: equal to the literals, never the same instance by accident
        String cohort = new StringBuilder("zone:Z1:").append("startup").toString();
        String indicator = new StringBuilder("rd-").append("intensity").toString();
        return new StageMessage.Score(false, ChangeKind.DATA, code, new String("startup"), 3, "zone-20n@1",
                1_000, List.of("e-" + code), null, null, true, new double[] {1.5}, new double[] {2.5},
                List.of(new PercentileInput(0, indicator, cohort, 0.25)));
    }

    @Test
    void shouldRoundTripAMessage() {
        StageMessage.Score m = message("91A");
        StageMessage.Score back = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(m));
        assertThat(back.creditCode()).isEqualTo("91A");
        assertThat(back.percentileInputs()).isEqualTo(m.percentileInputs());
        assertThat(back.values()).containsExactly(1.5);
        assertThat(back.profileSeq()).isEqualTo(3);
    }

    @Test
    void shouldShareOneCopyOfTheIdsAcrossDecodedMessages() {
        StageMessage.Score a = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(message("91A")));
        StageMessage.Score b = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(message("91B")));

        // the rank stage holds these per member in its indexes: one shared instance, not one per enterprise
        assertThat(a.percentileInputs().get(0).cohortId()).isSameAs(b.percentileInputs().get(0).cohortId());
        assertThat(a.percentileInputs().get(0).indicatorId()).isSameAs(b.percentileInputs().get(0).indicatorId());
        assertThat(a.stage()).isSameAs(b.stage());
        assertThat(a.modelKey()).isSameAs(b.modelKey());
        StageMessage.Score again = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(message(new String("91A"))));
        assertThat(again.creditCode()).isSameAs(a.creditCode());
    }
}

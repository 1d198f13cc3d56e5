package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.ChangeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the rank stage applies per commit: consecutive updates of one enterprise collapse, nothing else does. */
class StageInboxTest {
    private static final String A = "91110000000000001A";
    private static final String B = "91110000000000002B";

    private static StageMessage score(String code, String stage, String previousStage, long seq, String cause) {
        return new StageMessage.Score(false, ChangeKind.DATA, code, stage, seq, "m:1", 0, List.of(cause),
                previousStage, null, true, new double[0], new double[0], List.of());
    }

    private static StageMessage leave(String code, String stage, long seq, String cause) {
        return StageMessage.Leave.of(code, stage, seq, "m:1", 0, ChangeKind.STAGE, List.of(cause), "other");
    }

    @Test
    void shouldCollapseConsecutiveScoresOfOneEnterpriseIntoTheLatestWithAllCauses() {
        // Given three scores of A and one of B in one commit
        StageInbox inbox = new StageInbox();
        inbox.add(score(A, "startup", "startup", 1, "e1"), 10);
        inbox.add(score(B, "startup", "startup", 1, "f1"), 11);
        inbox.add(score(A, "startup", "startup", 2, "e2"), 12);
        inbox.add(score(A, "startup", "startup", 3, "e3"), 13);

        // When the commit drains it
        List<StageInbox.Entry> applied = inbox.drain();

        // Then A is applied once, as its latest score with every cause, and B once
        assertThat(applied).extracting(e -> e.message().creditCode()).containsExactly(A, B);
        assertThat(applied.get(0).message().profileSeq()).isEqualTo(3);
        assertThat(applied.get(0).message().causeEventIds()).containsExactly("e1", "e2", "e3");
        assertThat(applied.get(0).timestamp()).isEqualTo(13);
        assertThat(inbox.drain()).isEmpty();
    }

    @Test
    void shouldKeepAScoreThatArrivedFromAnotherStageBecauseItWaitsForItsHandover() {
        // Given A's arrival from another stage, then a newer score in its new stage
        StageInbox inbox = new StageInbox();
        inbox.add(score(A, "startup", "growth", 5, "e1"), 1);
        inbox.add(score(A, "startup", "startup", 6, "e2"), 2);

        // Then both are applied, in order: the HANDOVER is matched by the arrival's own sequence
        assertThat(inbox.drain()).extracting(e -> e.message().profileSeq()).containsExactly(5L, 6L);
    }

    @Test
    void shouldNotCollapseAcrossALeave() {
        // Given A scored, then left the stage, then scored again
        StageInbox inbox = new StageInbox();
        inbox.add(score(A, "startup", "startup", 1, "e1"), 1);
        inbox.add(leave(A, "startup", 2, "e2"), 2);
        inbox.add(score(A, "startup", "other", 3, "e3"), 3);

        // Then every message is applied in arrival order
        assertThat(inbox.drain()).<Class<?>>extracting(e -> e.message().getClass())
                .containsExactly(StageMessage.Score.class, StageMessage.Leave.class, StageMessage.Score.class);
    }

    @Test
    void shouldCountTheMessagesItKeepsUntilDrained() {
        StageInbox inbox = new StageInbox();
        StageMessage first = StageMessage.Leave.of("91310000000000001A", "startup", 1, "m:1", 0, null, List.of("e1"), null);
        inbox.add(first, 1);
        inbox.add(StageMessage.Leave.of("91310000000000002A", "startup", 1, "m:1", 0, null, List.of("e2"), null), 2);
        assertThat(inbox.size()).isEqualTo(2);
        assertThat(inbox.drain()).hasSize(2);
        assertThat(inbox.size()).isZero();
    }
}

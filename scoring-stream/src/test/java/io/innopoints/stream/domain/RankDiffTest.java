package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.scoring.model.Tier;
import io.innopoints.scoring.rank.RankIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RankDiff} alone: a cohort's index after a batch, what it was before, and the changes between. */
class RankDiffTest {
    private static final List<Tier> TIERS = List.of(new Tier("A", 10, 1_000), new Tier("B", 40, 5_000),
            new Tier("C", 50, 10_000));

    private static String code(int n) {
        return String.format("M%03d", n);
    }

    @Test
    void shouldMoveAWholeTieGroupAcrossATierLineThoughMostOfItStandsFarFromTheLine() {
        // Given 9 leaders, 90 members tied at rank 10 (the last rank of tier A in a cohort of 100) and one last member
        RankIndex index = new RankIndex();
        for (int n = 1; n <= 9; n++) {
            index.put(code(n), 10_000 - n);
        }
        for (int n = 10; n <= 99; n++) {
            index.put(code(n), 100);
        }
        index.put(code(100), 50);
        List<RankIndex.Ranked> topBefore = index.top(5);

        // When the last member jumps to the top
        index.put(code(100), 20_000);
        List<RankDiff.Change> changes = RankDiff.of(index, 100, topBefore,
                List.of(new RankDiff.Move(code(100), 50L, 20_000L, RankingChangeKind.JOINED)), TIERS, 5);

        // Then every one of the 90 tied members moved from rank 10 (tier A) to 11 (tier B), caused by the mover
        List<RankDiff.Change> tiers = changes.stream()
                .filter(c -> c.kind() == RankingChangeKind.TIER_CHANGED && !c.subject().equals(code(100))).toList();
        assertThat(tiers).hasSize(90).allSatisfy(c -> {
            assertThat(c.oldRank()).isEqualTo(10);
            assertThat(c.newRank()).isEqualTo(11);
            assertThat(c.oldTier()).isEqualTo("A");
            assertThat(c.newTier()).isEqualTo("B");
            assertThat(c.cause()).isEqualTo(code(100));
        });
        // and the mover itself moved from 100 to 1, from C to A, into the top-5, pushing the fifth leader out
        assertThat(changes).filteredOn(c -> c.subject().equals(code(100))).extracting(RankDiff.Change::kind)
                .containsExactly(RankingChangeKind.MOVED, RankingChangeKind.ENTERED_TOP_N,
                        RankingChangeKind.TIER_CHANGED);
        assertThat(changes).filteredOn(c -> c.kind() == RankingChangeKind.EXITED_TOP_N)
                .extracting(RankDiff.Change::subject, RankDiff.Change::oldRank, RankDiff.Change::newRank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(code(5), 5, 6));
    }

    @Test
    void shouldReportNothingWhenNoTotalChanged() {
        RankIndex index = new RankIndex();
        index.put(code(1), 100);
        assertThat(RankDiff.of(index, 1, index.top(5),
                List.of(new RankDiff.Move(code(1), 100L, 100L, RankingChangeKind.JOINED)), TIERS, 5)).isEmpty();
    }
}

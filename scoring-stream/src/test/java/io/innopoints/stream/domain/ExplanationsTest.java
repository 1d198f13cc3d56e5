package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationsTest {
    private final ScoringModel zone = ScoringModel.builtin("zone-20n");
    private final ScoringModel national = ScoringModel.builtin("national-2024");

    private long[] cents(ScoringModel model, long... firstOnes) {
        long[] out = new long[model.indicators().size()];
        System.arraycopy(firstOnes, 0, out, 0, firstOnes.length);
        return out;
    }

    @Test
    void shouldListOnlyChangedIndicatorsLargestAbsoluteDeltaFirst() {
        // Given points before and after on three indicators, one of them unchanged
        long[] before = cents(zone, 100, 200, 300);
        long[] after = cents(zone, 150, 200, 0);
        List<Indicator> ids = zone.indicators();

        // When
        List<IndicatorDelta> deltas = Explanations.deltas(new Explanations.Previous(before, zone.key(), "startup"),
                zone, after, k -> null);

        // Then the -3.00 comes before the +0.50, the unchanged one is absent
        assertThat(deltas).containsExactly(
                new IndicatorDelta(ids.get(2).id(), 3.0, 0.0, -3.0),
                new IndicatorDelta(ids.get(0).id(), 1.0, 1.5, 0.5));
    }

    @Test
    void shouldMatchIndicatorsByIdAcrossAModelChangeAndCountOneAbsentOnASideAsZero() {
        // Given points published under the zone model, and a score under the national one
        long[] before = new long[zone.indicators().size()];
        java.util.Arrays.fill(before, 100);
        long[] after = new long[national.indicators().size()];
        java.util.Arrays.fill(after, 100);

        // When
        List<IndicatorDelta> deltas = Explanations.deltas(new Explanations.Previous(before, zone.key(), "startup"),
                national, after, k -> k.equals(zone.key()) ? zone : null);

        // Then an indicator in both with equal points is no delta; one only in the zone model dropped to 0; one only
        // in the national model rose from 0
        List<String> nationalIds = national.indicators().stream().map(Indicator::id).toList();
        List<String> zoneIds = zone.indicators().stream().map(Indicator::id).toList();
        assertThat(deltas).allSatisfy(d -> {
            boolean inZone = zoneIds.contains(d.getIndicatorId());
            boolean inNational = nationalIds.contains(d.getIndicatorId());
            assertThat(inZone && inNational).as(d.getIndicatorId()).isFalse();
            assertThat(d.getDelta()).isEqualTo(inNational ? 1.0 : -1.0);
        });
        assertThat(deltas).hasSize((int) zoneIds.stream().filter(id -> !nationalIds.contains(id)).count()
                + (int) nationalIds.stream().filter(id -> !zoneIds.contains(id)).count());
        // not vacuous: the zone model has local indicators the national one lacks
        assertThat(deltas).anySatisfy(d -> assertThat(d.getDelta()).isEqualTo(-1.0));
    }

    @Test
    void shouldCutARankingChangesCausesToTheLatest() {
        List<String> seven = List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7");
        List<IndicatorDelta> one = List.of(new IndicatorDelta("a", 0.0, 4.0, 4.0));
        Explanation score = new Explanation(ChangeKind.DATA, seven, 10.0, "startup", null, one);

        Explanation change = Explanations.forChange(score);

        assertThat(change.getCauseEventIds()).containsExactly("e3", "e4", "e5", "e6", "e7");
        assertThat(change.getIndicatorDeltas()).isEqualTo(one);
        assertThat(change.getPreviousTotal()).isEqualTo(10.0);
        assertThat(score.getCauseEventIds()).as("the score's own list").isEqualTo(seven);
        Explanation five = new Explanation(ChangeKind.DATA, seven.subList(0, Explanations.CHANGE_CAUSES), null, null,
                null, one);
        assertThat(Explanations.forChange(five)).isSameAs(five);
    }

    @Test
    void shouldCutARankingChangesDeltasToTheLargestAndKeepTheRest() {
        List<IndicatorDelta> four = List.of(new IndicatorDelta("a", 0.0, 4.0, 4.0),
                new IndicatorDelta("b", 0.0, 3.0, 3.0), new IndicatorDelta("c", 0.0, 2.0, 2.0),
                new IndicatorDelta("d", 0.0, 1.0, 1.0));
        Explanation score = new Explanation(ChangeKind.MODEL, List.of("e1"), 10.0, "startup", "v1", four);

        Explanation change = Explanations.forChange(score);

        assertThat(change.getIndicatorDeltas()).isEqualTo(four.subList(0, Explanations.CHANGE_DELTAS));
        assertThat(change.getKind()).isEqualTo(ChangeKind.MODEL);
        assertThat(change.getCauseEventIds()).containsExactly("e1");
        assertThat(change.getPreviousTotal()).isEqualTo(10.0);
        assertThat(change.getPreviousStage()).isEqualTo("startup");
        assertThat(change.getPreviousModelVersion()).isEqualTo("v1");
        Explanation short1 = new Explanation(ChangeKind.DATA, List.of(), null, null, null, four.subList(0, 1));
        assertThat(Explanations.forChange(short1)).isSameAs(short1);
    }
}

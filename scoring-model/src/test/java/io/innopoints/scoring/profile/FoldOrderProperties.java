package io.innopoints.scoring.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.specific.SpecificRecord;

/** Folding does not depend on arrival order, duplicates or when retractions arrive. */
class FoldOrderProperties {
    private static final ScoringModel NATIONAL = ScoringModel.builtin("national-2024");
    private static final ScoringModel ZONE = ScoringModel.builtin("zone-20n");
    private static final List<Instant> AS_OF = List.of(Events.day("2019-06-30"), Events.day("2022-01-01"),
            Events.day("2024-04-15"), Events.day("2026-06-30"));

    @Property(tries = 150)
    void shouldYieldEqualProfilesAndMetricsForAnyPermutationWithDuplicatesAndRetractions(
            @ForAll long seed, @ForAll long shuffleSeed) {
        // Given an event log with duplicates and retractions, in two arrival orders
        RandomLog log = new RandomLog(seed);
        List<SpecificRecord> events = log.withNoise(log.enterprise(Events.CODE, 12, "ZONE-A"));
        List<SpecificRecord> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(shuffleSeed));

        // When
        EnterpriseProfile inOrder = Profiles.foldAll(Profiles.empty(Events.CODE), events);
        EnterpriseProfile permuted = Profiles.foldAll(Profiles.empty(Events.CODE), shuffled);

        // Then
        assertThat(permuted).isEqualTo(inOrder);
        for (ScoringModel model : List.of(NATIONAL, ZONE)) {
            for (Instant asOf : AS_OF) {
                Evaluation a = Evaluator.evaluate(model, inOrder, asOf);
                Evaluation b = Evaluator.evaluate(model, permuted, asOf);
                assertThat(Metrics.values(b)).containsExactly(Metrics.values(a));
                assertThat(b.stage()).isEqualTo(a.stage());
            }
        }
    }

    @Property(tries = 100)
    void shouldReportNoChangeWhenRefoldingAnyEventOfTheLog(@ForAll long seed) {
        // Given
        RandomLog log = new RandomLog(seed);
        List<SpecificRecord> events = log.withNoise(log.enterprise(Events.CODE, 8, "ZONE-A"));
        EnterpriseProfile profile = Profiles.foldAll(Profiles.empty(Events.CODE), events);

        // Then: every event of the log is already accounted for
        for (SpecificRecord e : events) {
            FoldResult again = Profiles.fold(profile, e);
            assertThat(again.changed()).as("refolding %s", e).isFalse();
            assertThat(again.profile()).isSameAs(profile);
        }
    }
}

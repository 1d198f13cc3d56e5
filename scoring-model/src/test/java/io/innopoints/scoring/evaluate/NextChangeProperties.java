package io.innopoints.scoring.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.metric.Dates;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.profile.ProfileFacts;
import io.innopoints.scoring.profile.Profiles;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Nothing changes by itself before {@code nextChange}: metrics, points and stage are constant on [asOf, next). */
class NextChangeProperties {
    private static final List<ScoringModel> MODELS = List.of(ScoringModel.builtin("national-2024"),
            ScoringModel.builtin("zone-20n"));

    @Property(tries = 300)
    void shouldKeepEveryMetricConstantUntilNextChange(@ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 10 * 365) int day,
                                                      @ForAll @LongRange(min = 0, max = 86_399_999) long millis) {
        // Given a random profile and an as-of instant inside a day
        RandomLog log = new RandomLog(seed);
        EnterpriseProfile profile = Profiles.foldAll(Profiles.empty(Events.CODE),
                log.withNoise(log.enterprise(Events.CODE, 10, "ZONE-A")));
        ProfileFacts facts = ProfileFacts.of(profile);
        Instant asOf = Dates.startOf(LocalDate.of(2017, 1, 1).plusDays(day)).plusMillis(millis);

        for (ScoringModel model : MODELS) {
            // When
            Evaluation at = Evaluator.evaluate(model, facts, asOf);
            Optional<Instant> next = at.nextChange();

            // Then
            next.ifPresent(n -> assertThat(n).isAfter(asOf));
            Instant end = next.orElse(asOf.plus(Duration.ofDays(3 * 366)));
            List<Instant> samples = new ArrayList<>(List.of(asOf.plusMillis(1), end.minusMillis(1)));
            long span = end.toEpochMilli() - asOf.toEpochMilli();
            for (int k = 0; k < 4; k++) {
                samples.add(asOf.plusMillis((long) (log.random().nextDouble() * span)));
            }
            for (Instant t : samples) {
                if (t.isBefore(asOf) || !t.isBefore(end)) {
                    continue;
                }
                Evaluation later = Evaluator.evaluate(model, facts, t);
                assertThat(values(later)).as("%s at %s (as-of %s, next %s)", model.id(), t, asOf, next)
                        .containsExactly(values(at));
                assertThat(later.stage()).isEqualTo(at.stage());
            }
        }
    }

    private static Double[] values(Evaluation e) {
        int n = e.model().indicators().size();
        Double[] out = new Double[2 * n];
        for (int i = 0; i < n; i++) {
            out[i] = e.value(i);
            out[n + i] = e.points(i);
        }
        return out;
    }
}

package io.innopoints.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.scoring.model.PerStage;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * {@link Scorer#valueFor} inverts {@link Scorer#fraction}: the value it names earns at least the asked fraction, lies
 * on the right side of the start (above it, below it for a penalty), and is the nearest such value — a little closer
 * to the start earns less; NaN only when even the scorer's best value earns less.
 */
class ScorerInversionProperties {
    private static final double NEAR = 1e-6;

    @Provide
    Arbitrary<Scorer> scorers() {
        return Arbitraries.of(List.of(
                new CappedLinearScorer(PerStage.constant(100, 1), false),
                new CappedLinearScorer(PerStage.constant(40, 1), true),
                new BonusScorer(1),
                new BonusScorer(3),
                new PerItemScorer(PerStage.constant(5, 1)),
                new BandsScorer(List.of(new BandsScorer.Band(100, 0.5), new BandsScorer.Band(500, 1.0))),
                new PenaltyScorer(1),
                new PenaltyScorer(4)));
    }

    @Property(tries = 2000)
    void shouldNameTheNearestValueEarningTheFraction(@ForAll("scorers") Scorer scorer,
                                                     @ForAll @DoubleRange(min = -1.2, max = 1.2) double fraction,
                                                     @ForAll @DoubleRange(min = -50, max = 700) double from) {
        double v = scorer.valueFor(fraction, from, 0);
        if (Double.isNaN(v)) {
            assertThat(scorer.fraction(scorer.best(0), null, 0)).isLessThan(fraction);
            return;
        }
        assertThat(scorer.fraction(v, null, 0)).as("fraction at %s", v).isGreaterThanOrEqualTo(fraction - 1e-12);
        if (scorer.penalty()) {
            assertThat(v).isLessThanOrEqualTo(from);
            if (v < from - NEAR) {
                assertThat(scorer.fraction(v + NEAR, null, 0)).isLessThan(fraction);
            }
        } else {
            assertThat(v).isGreaterThanOrEqualTo(from);
            if (v > from + NEAR) {
                assertThat(scorer.fraction(v - NEAR, null, 0)).as("just below %s", v).isLessThan(fraction);
            }
        }
    }
}

package io.innopoints.scoring.batch;

import static io.innopoints.scoring.support.Events.annual;
import static io.innopoints.scoring.support.Events.day;
import static io.innopoints.scoring.support.Events.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.scorer.CohortPercentile;
import io.innopoints.scoring.scorer.CohortPercentileScorer;
import io.innopoints.scoring.support.Events;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Enterprises whose filings are the same filings scaled by integer factors have exactly the same growth rates and
 * ratios, so they tie exactly: bit-identical metric values, the mid-rank's percentile points, one rank. The
 * expected percentile counts the cohort by exact rational comparison, not by the doubles under test.
 */
class ProportionalFilingsProperties {
    private static final List<String> METRICS = List.of("revenue-growth", "rd-expense-growth", "taxes-paid-growth",
            "net-profit-growth", "rd-intensity", "rd-staff-share");
    private static final int WEIGHT = 10;
    /** One stage and one scope, so every enterprise of ZONE-A is in one cohort whatever its size. */
    private static final ScoringModel MODEL = ScoringModel.load("""
            id: ties
            version: "1"
            cohortScopes: [zone]
            stages: [{id: all, names: {zh: 全部, en: All}}]
            dimensions: [{id: ratios, names: {zh: 比率, en: Ratios}}]
            indicators:
            """ + METRICS.stream().map(m -> "  - {id: " + m + ", names: {zh: " + m + ", en: " + m + "}, dimension: ratios, "
                    + "metric: " + m + ", scorer: {kind: cohort-percentile}, weights: " + WEIGHT + "}\n")
            .collect(Collectors.joining()), "ties");
    private static final String COHORT = "zone:ZONE-A:all";
    private static final Instant AS_OF = day("2024-06-30");

    /** Two fiscal years' amounts in fen (prior, latest) and the latest head counts; small, so distinct ratios stay an ulp apart. */
    record Filings(long revenue0, long revenue1, long rd0, long rd1, long taxes0, long taxes1, long profit0, long profit1,
                   int employees, int rdStaff) {

        Filings scaled(Factor f) {
            return new Filings(revenue0 * f.money(), revenue1 * f.money(), rd0 * f.money(), rd1 * f.money(),
                    taxes0 * f.money(), taxes1 * f.money(), profit0 * f.money(), profit1 * f.money(),
                    employees * f.persons(), rdStaff * f.persons());
        }

        /** The metric's exact value as {numerator, denominator > 0} (without the factor 100), null when missing. */
        long[] exact(String metric) {
            return switch (metric) {
                case "revenue-growth" -> growth(revenue0, revenue1);
                case "rd-expense-growth" -> growth(rd0, rd1);
                case "taxes-paid-growth" -> growth(taxes0, taxes1);
                case "net-profit-growth" -> growth(profit0, profit1);
                case "rd-intensity" -> revenue1 > 0 ? new long[] {rd1, revenue1} : null;
                case "rd-staff-share" -> employees > 0 ? new long[] {rdStaff, employees} : null;
                default -> throw new IllegalArgumentException(metric);
            };
        }

        private static long[] growth(long prior, long latest) {
            return prior > 0 ? new long[] {latest - prior, prior} : null;
        }
    }

    /** Money is scaled up to 8 × 10^14 fen (beyond 2^53 / 100, so both paths of the division), head counts to 10^7. */
    record Factor(long money, int persons) {
    }

    @Provide
    Arbitrary<Filings> filings() {
        Arbitrary<Long> amount = Arbitraries.longs().between(0, 2_000_000);
        Arbitrary<Long> profit = Arbitraries.longs().between(-2_000_000, 2_000_000);
        Arbitrary<long[]> money = Combinators.combine(amount.list().ofSize(6), profit.list().ofSize(2))
                .as((a, p) -> new long[] {a.get(0), a.get(1), a.get(2), a.get(3), a.get(4), a.get(5), p.get(0), p.get(1)});
        Arbitrary<int[]> persons = Arbitraries.integers().between(0, 1000)
                .flatMap(e -> Arbitraries.integers().between(0, e).map(s -> new int[] {e, s}));
        return Combinators.combine(money, persons).as((m, p) ->
                new Filings(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], p[0], p[1]));
    }

    @Provide
    Arbitrary<Factor> factors() {
        return Combinators.combine(Arbitraries.longs().between(1, 400_000_000), Arbitraries.integers().between(1, 10_000))
                .as(Factor::new);
    }

    @Property(tries = 200)
    void shouldGiveProportionalFilingsBitIdenticalValuesTheMidRankAndOneRank(
            @ForAll("filings") Filings base, @ForAll @Size(min = 2, max = 5) List<@From("factors") Factor> factors,
            @ForAll @Size(max = 12) List<@From("filings") Filings> others) {
        // Given the base filings scaled by each factor, and unrelated enterprises in the same cohort
        Map<String, Filings> filed = new HashMap<>();
        for (int k = 0; k < factors.size(); k++) {
            filed.put(Events.code(1 + k), base.scaled(factors.get(k)));
        }
        for (int k = 0; k < others.size(); k++) {
            filed.put(Events.code(100 + k), others.get(k));
        }
        Map<String, EnterpriseProfile> profiles = filed.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> profile(e.getKey(), e.getValue())));
        List<String> tied = filed.keySet().stream().filter(code -> code.compareTo(Events.code(100)) < 0).toList();

        // When
        BatchResult result = BatchScorer.score(MODEL, profiles, AS_OF);

        // Then
        Map<String, BatchResult.Row> rows = result.rows().stream()
                .collect(Collectors.toMap(BatchResult.Row::creditCode, Function.identity()));
        for (int i = 0; i < METRICS.size(); i++) {
            int indicator = i;
            String metric = METRICS.get(i);
            assertThat(tied.stream().map(code -> Double.doubleToLongBits(rows.get(code).card().evaluation().value(indicator))))
                    .as(metric).containsOnly(Double.doubleToLongBits(rows.get(tied.get(0)).card().evaluation().value(indicator)));
            long[] value = base.exact(metric);
            double expectedPoints = value == null ? 0.0 : Points.fromCents(Points.toCents(
                    WEIGHT * CohortPercentileScorer.fractionOf(exactPercentile(value, metric, filed.values()))));
            assertThat(tied).as(metric).allSatisfy(code ->
                    assertThat(rows.get(code).card().indicatorPoints(indicator)).isEqualTo(expectedPoints));
        }
        assertThat(tied.stream().map(code -> rows.get(code).rankIn(COHORT).getRank()).distinct()).hasSize(1);
    }

    /** {@link CohortPercentile#percentile} with below and equal counted by exact comparison of the members' ratios. */
    private static double exactPercentile(long[] value, String metric, Iterable<Filings> members) {
        long below = 0;
        long equal = 0;
        long n = 0;
        for (Filings member : members) {
            long[] other = member.exact(metric);
            if (other != null) {
                n++;
                // a/b vs c/d with b, d > 0: a·d vs c·b (scaled members' products exceed a long)
                int order = BigInteger.valueOf(other[0]).multiply(BigInteger.valueOf(value[1]))
                        .compareTo(BigInteger.valueOf(value[0]).multiply(BigInteger.valueOf(other[1])));
                below += order < 0 ? 1 : 0;
                equal += order == 0 ? 1 : 0;
            }
        }
        return CohortPercentile.percentile(below, equal, n);
    }

    private static EnterpriseProfile profile(String code, Filings f) {
        return Events.profile(code, registration(code).build(),
                annual(code, 2022).setRevenueFen(f.revenue0()).setRdExpenseFen(f.rd0()).setTaxesPaidFen(f.taxes0())
                        .setNetProfitFen(f.profit0()).build(),
                annual(code, 2023).setRevenueFen(f.revenue1()).setRdExpenseFen(f.rd1()).setTaxesPaidFen(f.taxes1())
                        .setNetProfitFen(f.profit1()).setEmployees(f.employees()).setRdStaff(f.rdStaff()).build());
    }
}

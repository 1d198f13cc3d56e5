package io.innopoints.scoring.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.scoring.scorer.CohortPercentile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The order-statistic structures agree with a naive sort after any sequence of operations. */
class RankIndexProperties {

    record Op(boolean remove, int member, int total) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        // few members and few distinct totals, so updates, removals of absent members and ties are frequent
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9).map(i -> i < 2),
                Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 12)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 300)
    void shouldAgreeWithNaiveSortAfterAnyOperations(@ForAll("operations") List<Op> ops) {
        // Given
        RankIndex index = new RankIndex();
        Map<String, Long> naive = new HashMap<>();

        for (Op op : ops) {
            // When
            String code = String.format("C%03d", op.member());
            if (op.remove()) {
                assertThat(index.remove(code)).isEqualTo(naive.remove(code) != null);
            } else {
                index.put(code, op.total() * 50L);
                naive.put(code, op.total() * 50L);
            }
        }

        // Then
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(naive.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey));
        assertThat(index.size()).isEqualTo(sorted.size());
        for (int k = 0; k < sorted.size(); k++) {
            Map.Entry<String, Long> e = sorted.get(k);
            long higher = naive.values().stream().filter(v -> v > e.getValue()).count();
            long lower = naive.values().stream().filter(v -> v < e.getValue()).count();
            assertThat(index.select(k)).isEqualTo(new RankIndex.Entry(e.getKey(), e.getValue()));
            assertThat(index.position(e.getKey())).hasValue(k);
            assertThat(index.rank(e.getKey())).hasValue((int) higher + 1);
            assertThat(index.percentile(e.getKey())).hasValue(100.0 * lower / sorted.size());
        }
        for (int n : new int[] {1, 3, 5, 20}) {
            List<RankIndex.Ranked> top = index.top(n);
            List<String> expected = sorted.stream()
                    .filter(e -> naive.values().stream().filter(v -> v > e.getValue()).count() + 1 <= n)
                    .map(Map.Entry::getKey).toList();
            assertThat(top).extracting(RankIndex.Ranked::creditCode).containsExactlyElementsOf(expected);
            for (RankIndex.Ranked r : top) {
                assertThat(index.rank(r.creditCode())).hasValue(r.rank());
            }
        }
        if (!sorted.isEmpty()) {
            int from = sorted.size() / 2;
            assertThat(index.range(from, 5)).extracting(RankIndex.Ranked::creditCode).containsExactlyElementsOf(
                    sorted.subList(from, Math.min(sorted.size(), from + 5)).stream().map(Map.Entry::getKey).toList());
        }
    }

    @Property(tries = 200)
    void shouldComputeTheSamePercentileAsTheOracle(@ForAll("operations") List<Op> ops) {
        // Given
        ValueDistribution distribution = new ValueDistribution();
        Map<String, Double> naive = new HashMap<>();
        for (Op op : ops) {
            String code = String.format("C%03d", op.member());
            if (op.remove()) {
                distribution.remove(code);
                naive.remove(code);
            } else {
                distribution.put(code, op.total() / 4.0);
                naive.put(code, op.total() / 4.0);
            }
        }

        // Then
        CohortPercentile oracle = CohortPercentile.of(naive.values().stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(distribution.size()).isEqualTo(naive.size());
        for (double v : naive.values()) {
            assertThat(distribution.percentile(v)).isEqualTo(oracle.percentileOf(v));
        }
    }
}

package io.innopoints.scoring.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The block structure agrees with a sorted set after any operations, whatever the block size (splits, empty blocks). */
class SortedKeysProperties {

    record Key(long primary, String code) {
    }

    record Op(boolean remove, int primary, int member) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::primary).thenComparing(Key::code);

    @Provide
    Arbitrary<List<Op>> operations() {
        // few primaries (ties) and members, removals frequent enough to empty blocks; negative primaries too
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9).map(i -> i < 4),
                Arbitraries.integers().between(-6, 6), Arbitraries.integers().between(0, 30)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 400)
    void shouldAgreeWithASortedSet(@ForAll("operations") List<Op> ops, @ForAll @IntRange(min = 2, max = 5) int maxBlock) {
        // Given
        SortedKeys keys = new SortedKeys(maxBlock);
        TreeSet<Key> naive = new TreeSet<>(ORDER);

        for (Op op : ops) {
            // When
            Key k = new Key(op.primary(), String.format("C%02d", op.member()));
            if (op.remove()) {
                assertThat(keys.remove(k.primary(), k.code())).isEqualTo(naive.remove(k));
            } else {
                assertThat(keys.insert(k.primary(), k.code())).isEqualTo(naive.add(k));
            }
        }

        // Then
        List<Key> sorted = new ArrayList<>(naive);
        assertThat(keys.size()).isEqualTo(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Key k = sorted.get(i);
            assertThat(keys.primaryAt(i)).isEqualTo(k.primary());
            assertThat(keys.codeAt(i)).isEqualTo(k.code());
            assertThat(keys.indexOf(k.primary(), k.code())).isEqualTo(i);
        }
        assertThat(keys.indexOf(0, "absent")).isEqualTo(-1);
        for (long p = -7; p <= 7; p++) {
            long bound = p;
            assertThat(keys.countLess(p)).isEqualTo((int) sorted.stream().filter(k -> k.primary() < bound).count());
            assertThat(keys.countLessOrEqual(p))
                    .isEqualTo((int) sorted.stream().filter(k -> k.primary() <= bound).count());
        }
        int from = sorted.size() / 3;
        List<Key> seen = new ArrayList<>();
        keys.forEach(from, 7, (p, c) -> seen.add(new Key(p, c)));
        assertThat(seen).containsExactlyElementsOf(sorted.subList(from, Math.min(sorted.size(), from + 7)));
        assertThatThrownBy(() -> keys.primaryAt(sorted.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Property(tries = 300)
    void shouldOrderSortableLongsAsDoubleCompareOrdersTheValues(@ForAll double a, @ForAll double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return; // never put into a distribution
        }
        assertThat(Long.signum(Long.compare(ValueDistribution.sortable(a), ValueDistribution.sortable(b))))
                .isEqualTo(Integer.signum(Double.compare(a, b)));
    }
}

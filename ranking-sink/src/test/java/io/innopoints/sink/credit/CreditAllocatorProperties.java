package io.innopoints.sink.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants of {@link CreditAllocator} over random budgets, units, caps and base lines. */
class CreditAllocatorProperties {

    record Input(long budget, long unit, long cap, long[] bases) {
        long[] run() {
            return CreditAllocator.allocate(budget, unit, cap, bases);
        }
    }

    static Input input(long budget, long unit, long cap, List<Long> bases) {
        return new Input(budget, unit, cap, bases.stream().mapToLong(Long::longValue).toArray());
    }

    @Property(tries = 500)
    void shouldNeverExceedTheBudgetAndSpendExactlyWhatRoundingAndCapsAllow(
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long budget,
            @ForAll @LongRange(min = 1, max = 100_000) long unit,
            @ForAll @LongRange(min = 0, max = 50_000_000) long cap,
            @ForAll @Size(max = 60) List<@LongRange(min = 0, max = 5_000_000) Long> bases) {
        Input in = input(budget, unit, cap, bases);

        long[] amounts = in.run();

        long positive = bases.stream().filter(b -> b > 0).count();
        long expectedUnits = Math.min(budget / unit, (cap / unit) * positive);
        assertThat(CreditAllocator.sum(amounts)).isLessThanOrEqualTo(budget).isEqualTo(expectedUnits * unit);
    }

    @Property(tries = 500)
    void shouldGiveWholeUnitsWithinTheCapAndNothingToAZeroBase(
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long budget,
            @ForAll @LongRange(min = 1, max = 100_000) long unit,
            @ForAll @LongRange(min = 0, max = 50_000_000) long cap,
            @ForAll @Size(max = 60) List<@LongRange(min = 0, max = 5_000_000) Long> bases) {
        long[] amounts = input(budget, unit, cap, bases).run();

        for (int i = 0; i < amounts.length; i++) {
            assertThat(amounts[i]).isBetween(0L, cap);
            assertThat(amounts[i] % unit).isZero();
            if (bases.get(i) == 0) {
                assertThat(amounts[i]).isZero();
            }
        }
    }

    @Property(tries = 500)
    void shouldBeMonotoneInTheBaseLine(
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long budget,
            @ForAll @LongRange(min = 1, max = 100_000) long unit,
            @ForAll @LongRange(min = 0, max = 50_000_000) long cap,
            @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 6) Long> bases) {
        long[] amounts = input(budget, unit, cap, bases).run();

        for (int i = 0; i < amounts.length; i++) {
            for (int j = 0; j < amounts.length; j++) {
                if (bases.get(i) > bases.get(j)) {
                    assertThat(amounts[i]).as("base %d vs %d", bases.get(i), bases.get(j)).isGreaterThanOrEqualTo(amounts[j]);
                } else if (bases.get(i).equals(bases.get(j)) && i < j) {
                    // equal bases: at most one unit apart, the earlier claim never behind
                    assertThat(amounts[i] - amounts[j]).isBetween(0L, unit);
                }
            }
        }
    }

    @Property(tries = 300)
    void shouldGiveEveryoneAtLeastItsUncappedProportionalShareOrTheCap(
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long budget,
            @ForAll @LongRange(min = 1, max = 100_000) long unit,
            @ForAll @LongRange(min = 0, max = 50_000_000) long cap,
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 5_000_000) Long> bases) {
        long[] amounts = input(budget, unit, cap, bases).run();

        BigInteger sum = BigInteger.valueOf(bases.stream().mapToLong(Long::longValue).sum());
        if (sum.signum() == 0) {
            return;
        }
        for (int i = 0; i < amounts.length; i++) {
            long share = BigInteger.valueOf(budget / unit).multiply(BigInteger.valueOf(bases.get(i))).divide(sum)
                    .longValueExact();
            assertThat(amounts[i] / unit).isGreaterThanOrEqualTo(Math.min(cap / unit, share));
        }
    }

    @Property(tries = 200)
    void shouldBeDeterministic(
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long budget,
            @ForAll @LongRange(min = 1, max = 100_000) long unit,
            @ForAll @LongRange(min = 0, max = 50_000_000) long cap,
            @ForAll @Size(max = 60) List<@LongRange(min = 0, max = 5_000_000) Long> bases) {
        Input in = input(budget, unit, cap, bases);

        assertThat(in.run()).containsExactly(in.run());
    }
}

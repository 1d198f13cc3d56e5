package io.innopoints.sink.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The allocation rule on hand-worked numbers (10,000-yuan units; bases A=3, B=2, C=1 in any yuan scale). */
class CreditAllocatorTest {
    private static final long UNIT = 10_000;

    @Test
    void shouldSplitProportionallyAndGiveTheLastUnitToTheLargestRemainderFirstInOrder() {
        // Given 100 units for bases 3, 2, 2, 1 (sum 8): shares 37.5, 25, 25, 12.5
        long[] amounts = CreditAllocator.allocate(1_000_000, UNIT, 500_000, new long[] {3, 2, 2, 1});

        // Then floors 37, 25, 25, 12 leave one unit; A and C tie on remainder 4/8 and A comes first
        assertThat(amounts).containsExactly(380_000, 250_000, 250_000, 120_000);
        assertThat(CreditAllocator.sum(amounts)).isEqualTo(1_000_000);
    }

    @Test
    void shouldCapTheLargestSharesAndSpreadWhatTheyLeaveOverTheOthers() {
        // Given a cap of 30 units: A's share 37.5 is above it
        long[] amounts = CreditAllocator.allocate(1_000_000, UNIT, 300_000, new long[] {3, 2, 2, 1});

        // Then A gets the cap and the other 70 units go 2:2:1 → 28, 28, 14
        assertThat(amounts).containsExactly(300_000, 280_000, 280_000, 140_000);
    }

    @Test
    void shouldCapEveryoneAndLeaveTheRestWhenTheBudgetExceedsWhatCapsAllow() {
        long[] amounts = CreditAllocator.allocate(10_000_000, UNIT, 300_000, new long[] {3, 2, 2, 1});

        assertThat(amounts).containsExactly(300_000, 300_000, 300_000, 300_000);
    }

    @Test
    void shouldLeaveLessThanOneUnitOfABudgetThatIsNotAMultipleOfTheUnit() {
        long[] amounts = CreditAllocator.allocate(1_009_999, UNIT, 500_000, new long[] {3, 2, 2, 1});

        assertThat(CreditAllocator.sum(amounts)).isEqualTo(1_000_000);
    }

    @Test
    void shouldRoundTheCapDownToAWholeUnit() {
        long[] amounts = CreditAllocator.allocate(1_000_000, UNIT, 305_000, new long[] {1, 1});

        assertThat(amounts).containsExactly(300_000, 300_000);
    }

    @Test
    void shouldGiveNothingToAZeroBaseLine() {
        long[] amounts = CreditAllocator.allocate(1_000_000, UNIT, 1_000_000, new long[] {1, 0, 1});

        assertThat(amounts).containsExactly(500_000, 0, 500_000);
    }

    @Test
    void shouldAllocateTheReportsBudgetExactlyWithoutOverflowOnLargeBaseLines() {
        // Given 800 million yuan over 700 enterprises with base lines in the billions (products beyond long range)
        long[] bases = new long[700];
        for (int i = 0; i < bases.length; i++) {
            bases[i] = i < 70 ? 9_000_000_000_000L : i < 280 ? 6_000_000_000_000L : 3_000_000_000_000L;
        }

        long[] amounts = CreditAllocator.allocate(800_000_000, UNIT, 5_000_000, bases);

        assertThat(CreditAllocator.sum(amounts)).isEqualTo(800_000_000);
        assertThat(java.util.Arrays.stream(amounts).filter(a -> a % UNIT != 0)).isEmpty();
    }

    @Test
    void shouldAllocateNothingWithoutClaims() {
        assertThat(CreditAllocator.allocate(1_000_000, UNIT, 100_000, new long[0])).isEmpty();
    }

    @Test
    void shouldRefuseNegativeInputs() {
        assertThatThrownBy(() -> CreditAllocator.allocate(-1, UNIT, 1, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditAllocator.allocate(1, 0, 1, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditAllocator.allocate(1, UNIT, 1, new long[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

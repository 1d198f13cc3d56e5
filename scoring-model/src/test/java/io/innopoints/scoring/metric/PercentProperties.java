package io.innopoints.scoring.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** {@link Percent} is the double nearest to the exact quotient, on both of its paths, so equal ratios are equal doubles. */
class PercentProperties {
    private static final long FAST_NUMERATOR = (1L << 53) / 100;

    @Provide
    Arbitrary<Long> numerators() {
        // the fast path (|n| × 100 an exact double), and any long (most of them on the BigInteger path)
        return Arbitraries.oneOf(Arbitraries.longs().between(-FAST_NUMERATOR, FAST_NUMERATOR), Arbitraries.longs());
    }

    @Provide
    Arbitrary<Long> denominators() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1L << 53), Arbitraries.longs().between(1, Long.MAX_VALUE));
    }

    @Property(tries = 2000)
    void shouldBeTheDoubleNearestToTheExactQuotientTiesToEven(@ForAll("numerators") long numerator,
                                                               @ForAll("denominators") long denominator) {
        // When
        double percent = Percent.of(numerator, denominator);

        // Then: no neighbour is closer to numerator × 100 / denominator; at equal distance the mantissa is even
        BigDecimal distance = distance(numerator, denominator, percent);
        for (double neighbour : new double[] {Math.nextUp(percent), Math.nextDown(percent)}) {
            int closer = distance.compareTo(distance(numerator, denominator, neighbour));
            assertThat(closer).isLessThanOrEqualTo(0);
            if (closer == 0) {
                assertThat(Double.doubleToRawLongBits(percent) & 1).isZero();
            }
        }
    }

    @Property(tries = 2000)
    void shouldGiveProportionalRatiosTheSameDouble(@ForAll @LongRange(min = -1_000_000_000, max = 1_000_000_000) long numerator,
                                                   @ForAll @LongRange(min = 1, max = 1_000_000_000) long denominator,
                                                   @ForAll @LongRange(min = 1, max = 1_000_000_000) long factor) {
        // When both are scaled (products up to 10^18: the fast and the BigInteger path)
        double scaled = Percent.of(numerator * factor, denominator * factor);

        // Then
        assertThat(Double.doubleToRawLongBits(scaled)).isEqualTo(Double.doubleToRawLongBits(Percent.of(numerator, denominator)));
    }

    @Example
    void shouldRoundAnExactHalfwayQuotientToEven() {
        // (2^53 + 1) × 100 / 25 = 2^55 + 4, halfway between the doubles 2^55 and 2^55 + 8
        assertThat(Percent.of((1L << 53) + 1, 25)).isEqualTo(0x1p55);
        assertThat(Percent.of((1L << 53) + 3, 25)).isEqualTo(0x1p55 + 16);
    }

    @Example
    void shouldRoundAQuotientJustAboveHalfwayUp() {
        // 3963167672086037 × 100 / 11 = 2^55 + 4 + 8/11: its integer part is the halfway point, the remainder decides
        assertThat(Percent.of(3_963_167_672_086_037L, 11)).isEqualTo(0x1p55 + 8);
    }

    @Example
    void shouldComputeTwentyFivePercentExactlyAtAnyScale() {
        assertThat(Percent.of(10_000, 40_000)).isEqualTo(25.0);
        assertThat(Percent.of(900_000, 3_600_000)).isEqualTo(25.0);
        assertThat(Percent.of(250_000_000_000_000L, 1_000_000_000_000_000L)).isEqualTo(25.0);
    }

    /** |numerator × 100 − candidate × denominator|: the distance to the exact quotient, scaled by the denominator. */
    private static BigDecimal distance(long numerator, long denominator, double candidate) {
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .subtract(new BigDecimal(candidate).multiply(BigDecimal.valueOf(denominator))).abs();
    }
}

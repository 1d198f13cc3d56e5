package io.innopoints.scoring.metric;

import java.math.BigInteger;

/**
 * A ratio of two exact integers (fen, persons) in percent, as the double nearest to {@code numerator × 100 /
 * denominator}: one rounding of the exact quotient, so equal ratios are the same double. Revenue growing from 100
 * to 125 and from 400 to 500 are both exactly 25 % and tie exactly in cohort percentiles, ranks and band
 * thresholds. Dividing amounts already converted to 10k CNY and then scaling by 100 rounds three or four times,
 * and equal ratios came out as 25.000000000000007 and 24.999999999999996 (issue 14).
 */
final class Percent {
    /** Integers of at most this magnitude are exact doubles. */
    private static final long EXACT_DOUBLE = 1L << 53;
    /** Quotient bits computed on the slow path: the 53 of a double, a rounding bit and a sticky bit. */
    private static final int QUOTIENT_BITS = 55;
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private Percent() {
    }

    /** {@code numerator × 100 / denominator} correctly rounded (to nearest, ties to even); {@code denominator > 0}. */
    static double of(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive, got " + denominator);
        }
        long limit = EXACT_DOUBLE / 100;
        if (-limit <= numerator && numerator <= limit && denominator <= EXACT_DOUBLE) {
            // both operands are exact doubles, so the IEEE division is the one rounding
            return (double) (numerator * 100) / denominator;
        }
        return quotient(BigInteger.valueOf(numerator).multiply(HUNDRED), BigInteger.valueOf(denominator));
    }

    /**
     * Beyond 2^53 (amounts over about 900 billion CNY) a long is not an exact double: divide in integers, scaled
     * so the quotient has 55 or 56 bits, set its lowest bit when the remainder is not zero (so a quotient just
     * above a halfway point does not round as the halfway point), and let the long-to-double conversion round.
     */
    private static double quotient(BigInteger numerator, BigInteger denominator) {
        BigInteger magnitude = numerator.abs();
        if (magnitude.signum() == 0) {
            return 0.0;
        }
        int shift = QUOTIENT_BITS + denominator.bitLength() - magnitude.bitLength();
        BigInteger[] qr = shift >= 0 ? magnitude.shiftLeft(shift).divideAndRemainder(denominator)
                : magnitude.divideAndRemainder(denominator.shiftLeft(-shift));
        long q = qr[0].longValueExact() | (qr[1].signum() == 0 ? 0 : 1);
        double value = Math.scalb((double) q, -shift);
        return numerator.signum() < 0 ? -value : value;
    }
}

package io.innopoints.scoring.metric;

/**
 * A running total of amounts in fen that saturates at {@link Long#MAX_VALUE} (and {@link Long#MIN_VALUE}) instead
 * of wrapping around: legal amounts are bounded at ingest (at most 10^15 fen each), so a wrap would need thousands
 * of maximal contracts, but a total must never turn negative because two large positives were added.
 */
final class FenSum {
    private long total;

    void add(long fen) {
        try {
            total = Math.addExact(total, fen);
        } catch (ArithmeticException overflow) {
            total = fen > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    long total() {
        return total;
    }
}

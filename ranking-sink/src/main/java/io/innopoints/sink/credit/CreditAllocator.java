package io.innopoints.sink.credit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a budget over claims in proportion to each claim's base line, exactly: every amount is a whole number of
 * rounding units (e.g. 10,000 yuan), at most the per-enterprise cap, and the sum never exceeds the budget. Pure and
 * deterministic; integer arithmetic only ({@link BigInteger} for the products, so no overflow and no float drift).
 *
 * <p>The rule, in units {@code u} ({@code N = floor(budget / u)} units to spend, {@code K = floor(cap / u)} per claim):
 * <ol>
 *   <li><b>Scale with caps (water-filling).</b> Find the scale {@code λ} with {@code Σ min(K, λ·base_i) = N}: claims
 *       whose proportional share {@code R·base_i / S} would exceed {@code K} (largest bases first; {@code R} the units
 *       left for the uncapped claims, {@code S} the sum of their bases) get exactly {@code K}; if every claim is
 *       capped, each gets {@code K} and {@code N − n·K} units stay unspent.</li>
 *   <li><b>Round down.</b> Every uncapped claim gets {@code floor(R·base_i / S)} units.</li>
 *   <li><b>Largest remainder.</b> The {@code L = R − Σ floor(…)} units left (fewer than the number of uncapped claims
 *       with a non-zero remainder) go one each to the claims with the largest remainders {@code (R·base_i) mod S};
 *       equal remainders in the claims' given order (callers pass best tier first, then best rank). A claim with a
 *       remainder has a share strictly below {@code K}, so the extra unit never breaks the cap.</li>
 * </ol>
 * Hence the amount spent is exactly {@code min(N, K·m)·u}, with {@code m} the number of claims with a positive base:
 * the only budget left is below one unit (rounding) or above what the caps allow. Amounts are monotone in the base
 * line: a claim with a larger base never gets less than one with a smaller base (equal bases differ by at most one
 * unit, the unit going to the earlier claim).
 */
public final class CreditAllocator {
    private CreditAllocator() {
    }

    /**
     * Amounts in yuan, one per base line, in the given order.
     *
     * @param budgetYuan  the whole budget, at least 0
     * @param unitYuan    the rounding unit, at least 1 (every amount is a multiple of it)
     * @param capYuan     the most one claim may get, at least 0 (rounded down to a multiple of the unit)
     * @param baseYuan    each claim's base line, at least 0, in priority order (ties of the remainder go to the earlier)
     */
    public static long[] allocate(long budgetYuan, long unitYuan, long capYuan, long[] baseYuan) {
        if (budgetYuan < 0 || unitYuan < 1 || capYuan < 0) {
            throw new IllegalArgumentException("budget and cap must be at least 0 and the unit at least 1 (budget "
                    + budgetYuan + ", unit " + unitYuan + ", cap " + capYuan + ")");
        }
        int n = baseYuan.length;
        for (long b : baseYuan) {
            if (b < 0) {
                throw new IllegalArgumentException("a base line is negative: " + b);
            }
        }
        long budgetUnits = budgetYuan / unitYuan;
        long capUnits = capYuan / unitYuan;
        long[] units = new long[n];

        // claims with a positive base, largest base first (stable: equal bases keep the given order)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (baseYuan[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingLong((Integer i) -> baseYuan[i]).reversed());

        // 1. water-filling: cap the largest bases while their proportional share exceeds the cap
        BigInteger remaining = BigInteger.valueOf(budgetUnits);
        BigInteger cap = BigInteger.valueOf(capUnits);
        BigInteger baseSum = BigInteger.ZERO;
        for (int i : order) {
            baseSum = baseSum.add(BigInteger.valueOf(baseYuan[i]));
        }
        int firstUncapped = 0;
        while (firstUncapped < order.size()) {
            // a group of equal bases is capped together (they have equal shares)
            long base = baseYuan[order.get(firstUncapped)];
            BigInteger b = BigInteger.valueOf(base);
            if (remaining.multiply(b).compareTo(cap.multiply(baseSum)) <= 0) {
                break;
            }
            while (firstUncapped < order.size() && baseYuan[order.get(firstUncapped)] == base) {
                int i = order.get(firstUncapped);
                units[i] = capUnits;
                remaining = remaining.subtract(cap);
                baseSum = baseSum.subtract(b);
                firstUncapped++;
            }
        }
        if (firstUncapped < order.size()) {
            // 2. round the proportional shares down
            List<Integer> uncapped = order.subList(firstUncapped, order.size());
            BigInteger[] remainders = new BigInteger[n];
            BigInteger given = BigInteger.ZERO;
            for (int i : uncapped) {
                BigInteger[] qr = remaining.multiply(BigInteger.valueOf(baseYuan[i])).divideAndRemainder(baseSum);
                units[i] = qr[0].longValueExact();
                remainders[i] = qr[1];
                given = given.add(qr[0]);
            }
            // 3. the units left, one each, largest remainder first, ties in the given order
            long left = remaining.subtract(given).longValueExact();
            List<Integer> byRemainder = new ArrayList<>(uncapped);
            byRemainder.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed()
                    .thenComparing(Comparator.naturalOrder()));
            for (int k = 0; k < left; k++) {
                units[byRemainder.get(k)]++;
            }
        }
        long[] yuan = new long[n];
        for (int i = 0; i < n; i++) {
            yuan[i] = Math.multiplyExact(units[i], unitYuan);
        }
        return yuan;
    }

    /** The sum of an allocation. */
    public static long sum(long[] amounts) {
        return Arrays.stream(amounts).reduce(0L, Math::addExact);
    }
}

package io.innopoints.localstack.generator;

import java.time.LocalDate;

/**
 * Everything that shapes a generated event log. Two runs with equal configs produce identical logs.
 *
 * @param enterprises        number of enterprises (1 to 10,000,000); 2,807 is the seed pilot zone
 * @param seed               seed of every random choice
 * @param endDate            last day of the log; no valid event is recorded after it
 * @param historyYears       patents, contracts, credentials and filings are generated over this many years before endDate
 * @param foundingSpanYears  founding dates reach back this many years before endDate
 * @param startupShare       share of enterprises designed to be start-ups (founded &lt; 5 years ago, revenue &lt; 20M CNY)
 * @param duplicateFraction  per event: probability that it is re-sent later with the same eventId
 * @param amendmentFraction  per contract / annual filing / registration: probability of an amendment superseding it
 * @param retractionFraction per event: probability that an erroneous variant is sent and later retracted
 * @param malformedFraction  per event: probability that a malformed variant is sent too (and must be rejected)
 * @param quarterlyFraction  share of enterprises that also file quarterly (Q1-Q4) returns
 * @param shuffleWindow      arrival order is shuffled within a window of this many events (0 = strict arrival order)
 * @param blockSize          enterprises generated and sorted in memory at a time; larger logs spill sorted blocks to disk
 */
public record GeneratorConfig(
        int enterprises,
        long seed,
        LocalDate endDate,
        int historyYears,
        int foundingSpanYears,
        double startupShare,
        double duplicateFraction,
        double amendmentFraction,
        double retractionFraction,
        double malformedFraction,
        double quarterlyFraction,
        int shuffleWindow,
        int blockSize) {

    public static final int SEED_ZONE_ENTERPRISES = 2_807;

    public GeneratorConfig {
        requireRange("enterprises", enterprises, 1, 10_000_000);
        if (endDate == null) {
            throw new IllegalArgumentException("endDate: is required");
        }
        requireRange("historyYears", historyYears, 1, 30);
        requireRange("foundingSpanYears", foundingSpanYears, 6, 60);
        requireFraction("startupShare", startupShare);
        requireFraction("duplicateFraction", duplicateFraction);
        requireFraction("amendmentFraction", amendmentFraction);
        requireFraction("retractionFraction", retractionFraction);
        requireFraction("malformedFraction", malformedFraction);
        requireFraction("quarterlyFraction", quarterlyFraction);
        requireRange("shuffleWindow", shuffleWindow, 0, 1_000_000);
        requireRange("blockSize", blockSize, 1, 10_000_000);
    }

    /** The seed zone: 2,807 enterprises, seed 42, log ending 2026-06-30, 1% malformed. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(SEED_ZONE_ENTERPRISES, 42L, LocalDate.of(2026, 6, 30), 5, 15, 0.73,
                0.02, 0.08, 0.005, 0.01, 0.2, 64, 20_000);
    }

    public GeneratorConfig withEnterprises(int n) {
        return new GeneratorConfig(n, seed, endDate, historyYears, foundingSpanYears, startupShare, duplicateFraction,
                amendmentFraction, retractionFraction, malformedFraction, quarterlyFraction, shuffleWindow, blockSize);
    }

    public GeneratorConfig withSeed(long s) {
        return new GeneratorConfig(enterprises, s, endDate, historyYears, foundingSpanYears, startupShare, duplicateFraction,
                amendmentFraction, retractionFraction, malformedFraction, quarterlyFraction, shuffleWindow, blockSize);
    }

    public GeneratorConfig withBlockSize(int b) {
        return new GeneratorConfig(enterprises, seed, endDate, historyYears, foundingSpanYears, startupShare, duplicateFraction,
                amendmentFraction, retractionFraction, malformedFraction, quarterlyFraction, shuffleWindow, b);
    }

    public GeneratorConfig withPerturbations(double duplicates, double amendments, double retractions, double malformed) {
        return new GeneratorConfig(enterprises, seed, endDate, historyYears, foundingSpanYears, startupShare, duplicates,
                amendments, retractions, malformed, quarterlyFraction, shuffleWindow, blockSize);
    }

    /** The settings by name, in declaration order (for the manifest). */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("enterprises", enterprises);
        m.put("seed", seed);
        m.put("endDate", endDate.toString());
        m.put("historyYears", historyYears);
        m.put("foundingSpanYears", foundingSpanYears);
        m.put("startupShare", startupShare);
        m.put("duplicateFraction", duplicateFraction);
        m.put("amendmentFraction", amendmentFraction);
        m.put("retractionFraction", retractionFraction);
        m.put("malformedFraction", malformedFraction);
        m.put("quarterlyFraction", quarterlyFraction);
        m.put("shuffleWindow", shuffleWindow);
        m.put("blockSize", blockSize);
        return m;
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + ": must be a fraction between 0 and 1, got " + value);
        }
    }
}

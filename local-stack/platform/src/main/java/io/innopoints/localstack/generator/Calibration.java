package io.innopoints.localstack.generator;

import java.util.Map;
import java.util.TreeMap;

/**
 * Streaming statistics of the generated population as designed (constant memory): stage shares, R&amp;D
 * intensity, revenue, patents, contracts, zones and industries. Written to the manifest; tests compare them with
 * what they fold from the log itself. {@link SeedZoneCalibration} is its counterpart as a zone model sees the
 * population: scored by the oracle and set against the pilot report's figures.
 */
public final class Calibration {
    private long enterprises;
    private long startups;
    private long youngByAge;
    private long withRevenue;
    private long startupsWithRevenue;
    private double revenueSum;
    private double rdSum;
    private double startupRevenueSum;
    private double startupRdSum;
    private double ratioSum;
    private double startupRatioSum;
    private long patentFilings;
    private long withoutPatents;
    private int maxPatentFilings;
    private long inventionGrants;
    private long contracts;
    private long highTech;
    private final long[] log10RevenueHistogram = new long[LOG_BUCKETS];
    private final Map<String, Long> zones = new TreeMap<>();
    private final Map<String, Long> industries = new TreeMap<>();

    private static final int LOG_BUCKETS = 240; // log10(CNY) from 0 to 12 in steps of 0.05

    void add(EnterpriseSimulator.Truth t) {
        enterprises++;
        startups += t.startup() ? 1 : 0;
        youngByAge += t.youngByAge() ? 1 : 0;
        if (t.latestRevenueFen() != null && t.latestRevenueFen() > 0) {
            double revenue = t.latestRevenueFen();
            double rd = t.latestRdFen();
            withRevenue++;
            revenueSum += revenue;
            rdSum += rd;
            ratioSum += rd / revenue;
            if (t.startup()) {
                startupsWithRevenue++;
                startupRevenueSum += revenue;
                startupRdSum += rd;
                startupRatioSum += rd / revenue;
            }
            int bucket = (int) Math.floor(StrictMath.log10(revenue / EnterpriseSimulator.FEN_PER_CNY) / 0.05);
            log10RevenueHistogram[Math.max(0, Math.min(LOG_BUCKETS - 1, bucket))]++;
        }
        patentFilings += t.patentFilings();
        withoutPatents += t.patentFilings() == 0 ? 1 : 0;
        maxPatentFilings = Math.max(maxPatentFilings, t.patentFilings());
        inventionGrants += t.inventionGrants();
        contracts += t.contracts();
        highTech += t.highTech() ? 1 : 0;
        zones.merge(t.zone(), 1L, Long::sum);
        industries.merge(t.industry(), 1L, Long::sum);
    }

    public long enterprises() {
        return enterprises;
    }

    /** Share of enterprises founded less than 5 years before the end date with latest annual revenue below 20M CNY (or none). */
    public double startupShare() {
        return ratio(startups, enterprises);
    }

    /** Σ R&amp;D expense / Σ revenue over enterprises' latest annual filings (revenue &gt; 0). */
    public double rdIntensityAggregate() {
        return rdSum / Math.max(1, revenueSum);
    }

    /** Σ R&amp;D expense / Σ revenue over start-ups' latest annual filings. */
    public double startupRdIntensityAggregate() {
        return startupRdSum / Math.max(1, startupRevenueSum);
    }

    /** Mean over enterprises of their own R&amp;D intensity. */
    public double rdIntensityMean() {
        return withRevenue == 0 ? 0 : ratioSum / withRevenue;
    }

    public double startupRdIntensityMean() {
        return startupsWithRevenue == 0 ? 0 : startupRatioSum / startupsWithRevenue;
    }

    /** Median latest annual revenue in CNY, to a 0.05 step of log10. */
    public double medianRevenueCny() {
        long half = (withRevenue + 1) / 2;
        long seen = 0;
        for (int i = 0; i < LOG_BUCKETS; i++) {
            seen += log10RevenueHistogram[i];
            if (seen >= half && withRevenue > 0) {
                return StrictMath.pow(10, (i + 0.5) * 0.05);
            }
        }
        return 0;
    }

    /** Everything, for the manifest. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("enterprises", enterprises);
        m.put("startups", startups);
        m.put("startupShare", round(startupShare()));
        m.put("stageRule", "start-up = founded less than 5 years before endDate and latest annual revenue < 20,000,000 CNY (or no filing yet)");
        m.put("foundedWithin5YearsShare", round(ratio(youngByAge, enterprises)));
        m.put("enterprisesWithRevenue", withRevenue);
        m.put("rdIntensityAggregate", round(rdIntensityAggregate()));
        m.put("rdIntensityMean", round(rdIntensityMean()));
        m.put("startupRdIntensityAggregate", round(startupRdIntensityAggregate()));
        m.put("startupRdIntensityMean", round(startupRdIntensityMean()));
        m.put("medianRevenueCny", Math.round(medianRevenueCny()));
        m.put("meanRevenueCny", Math.round(revenueSum / Math.max(1, withRevenue) / EnterpriseSimulator.FEN_PER_CNY));
        m.put("patentFilings", patentFilings);
        m.put("patentFilingsPerEnterprise", round(ratio(patentFilings, enterprises)));
        m.put("enterprisesWithoutPatentsShare", round(ratio(withoutPatents, enterprises)));
        m.put("maxPatentFilings", maxPatentFilings);
        m.put("inventionPatentsHeldAtEnd", inventionGrants);
        m.put("contractsPerEnterprise", round(ratio(contracts, enterprises)));
        m.put("highTechEnterpriseShare", round(ratio(highTech, enterprises)));
        m.put("zones", zones);
        m.put("industries", industries);
        return m;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

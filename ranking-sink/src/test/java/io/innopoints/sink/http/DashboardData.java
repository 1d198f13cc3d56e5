package io.innopoints.sink.http;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.DimensionScore;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.LeaderboardEntry;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.scorer.BandsScorer;
import io.innopoints.scoring.scorer.BonusScorer;
import io.innopoints.scoring.scorer.CappedLinearScorer;
import io.innopoints.scoring.scorer.CohortPercentile;
import io.innopoints.scoring.scorer.PenaltyScorer;
import io.innopoints.scoring.scorer.PerItemScorer;
import io.innopoints.scoring.scorer.TableScorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plausible read-model input for the dashboard tests and screenshots: enterprises of two zones in one stage of the
 * built-in {@code zone-20n} model, with indicator values drawn from a seeded random source and points computed with
 * the model's own scorers (percentiles within the zone cohort), ranks, tiers, leaderboards and ranking changes.
 */
final class DashboardData {
    static final ScoringModel MODEL = ScoringModel.builtin("zone-20n");
    static final String STAGE = "opportunity-growth";
    static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    static final String[] NAMES = {
        "星河智能科技有限公司", "青松生物医药有限公司", "蓝鲸数据技术有限公司", "华芯微电子有限公司",
        "启明新能源科技有限公司", "云帆机器人有限公司", "瀚海精密仪器有限公司", "凌云航空材料有限公司",
        "知行软件股份有限公司", "远景光电技术有限公司", "博源环保科技有限公司", "慧眼视觉科技有限公司",
        "东方量子通信有限公司", "金穗农业科技有限公司", "北辰储能系统有限公司", "天工智造装备有限公司",
    };

    /** An enterprise and its current raw values (indicator id → value, absent = missing) and table-scorer fractions. */
    static final class Firm {
        final int n;
        final String zone;
        final Map<String, Double> values = new LinkedHashMap<>();
        final Map<String, Double> tableFractions = new HashMap<>();
        long revision;
        EnterpriseScore last;

        Firm(int n, String zone) {
            this.n = n;
            this.zone = zone;
        }

        String code() {
            return code(n);
        }

        String name() {
            return NAMES[(n - 1) % NAMES.length];
        }

        static String code(int n) {
            return CreditCode.complete(String.format("91310000MA%07d", 5000 + n));
        }
    }

    final List<Firm> firms = new ArrayList<>();
    private final Map<String, Long> boardRevisions = new HashMap<>();

    DashboardData(int zoneA, int zoneB) {
        int stageIndex = MODEL.stage(STAGE).orElseThrow().index();
        for (int i = 1; i <= zoneA + zoneB; i++) {
            Firm f = new Firm(i, i <= zoneA ? "ZONE-A" : "ZONE-B");
            Random r = new Random(1000L + i);
            for (Indicator ind : MODEL.indicators()) {
                double q = 0.15 + r.nextDouble() * 0.9;
                if (ind.scorer() instanceof CappedLinearScorer c) {
                    f.values.put(ind.id(), round(c.ref().get(stageIndex) * q));
                } else if (ind.scorer() instanceof PerItemScorer p) {
                    f.values.put(ind.id(), Math.floor(p.maxItems().get(stageIndex) * q));
                } else if (ind.scorer() instanceof BandsScorer b) {
                    f.values.put(ind.id(), round(b.bands().get(b.bands().size() - 1).from() * q * 1.1));
                } else if (ind.scorer() instanceof BonusScorer) {
                    f.values.put(ind.id(), q > 0.6 ? 1.0 : 0.0);
                } else if (ind.scorer() instanceof PenaltyScorer) {
                    f.values.put(ind.id(), i == 4 && ind.id().equals("env-red-light") ? 1.0 : 0.0);
                } else if (ind.scorer() instanceof TableScorer) {
                    double frac = q > 0.8 ? 1.0 : q > 0.5 ? 0.6 : q > 0.3 ? 0.3 : 0.0;
                    f.values.put(ind.id(), frac > 0 ? 1.0 : 0.0);
                    f.tableFractions.put(ind.id(), frac);
                } else {
                    // cohort percentile (R&D intensity, revenue growth in %); one firm without a value
                    if (i != 3) {
                        f.values.put(ind.id(), round(2 + q * 20));
                    }
                }
            }
            firms.add(f);
        }
    }

    /** Gives a firm full marks on every capped, per-item and band indicator (a big jump up the ranking). */
    void maxOut(Firm f) {
        int stage = MODEL.stage(STAGE).orElseThrow().index();
        for (Indicator ind : MODEL.indicators()) {
            if (ind.scorer() instanceof CappedLinearScorer c) {
                f.values.put(ind.id(), c.ref().get(stage));
            } else if (ind.scorer() instanceof PerItemScorer p) {
                f.values.put(ind.id(), p.maxItems().get(stage));
            } else if (ind.scorer() instanceof BandsScorer b) {
                f.values.put(ind.id(), b.bands().get(b.bands().size() - 1).from());
            }
        }
    }

    static String zoneCohort(String zone) {
        return "zone:" + zone + ":" + STAGE;
    }

    static String nationCohort() {
        return "nation:CN:" + STAGE;
    }

    Firm firm(int n) {
        return firms.get(n - 1);
    }

    /** Scores every firm as a new revision at {@code asOf}; each score's explanation compares with its previous one. */
    List<EnterpriseScore> scoreAll(Instant asOf) {
        Map<String, Long> totals = totals();
        List<EnterpriseScore> out = new ArrayList<>();
        for (Firm f : firms) {
            out.add(score(f, asOf, totals, List.of("evt-" + f.n + "-reg")));
        }
        return out;
    }

    /** A new revision of one firm after its values changed. */
    EnterpriseScore rescore(Firm f, Instant asOf, List<String> causes) {
        return score(f, asOf, totals(), causes);
    }

    private Map<String, Long> totals() {
        Map<String, Long> totals = new HashMap<>();
        for (Firm f : firms) {
            totals.put(f.code(), points(f).values().stream().mapToLong(Long::longValue).sum());
        }
        return totals;
    }

    /** Points in cents per indicator with the model's scorers. */
    Map<String, Long> points(Firm f) {
        int stage = MODEL.stage(STAGE).orElseThrow().index();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Indicator ind : MODEL.indicators()) {
            double weight = ind.weight(stage);
            Double v = f.values.get(ind.id());
            long cents;
            if (ind.scorer() instanceof TableScorer) {
                cents = Points.toCents(weight * f.tableFractions.getOrDefault(ind.id(), 0.0));
            } else if (ind.scorer().needsCohort()) {
                if (v == null) {
                    cents = 0;
                } else {
                    double[] cohort = firms.stream().filter(o -> o.zone.equals(f.zone))
                            .mapToDouble(o -> o.values.getOrDefault(ind.id(), Double.NaN)).toArray();
                    cents = Points.toCents(weight * CohortPercentile.of(cohort).percentileOf(v) / 100.0);
                }
            } else {
                cents = Points.toCents(weight * ind.scorer().fraction(v == null ? Double.NaN : v, null, stage));
            }
            out.put(ind.id(), cents);
        }
        return out;
    }

    private EnterpriseScore score(Firm f, Instant asOf, Map<String, Long> totals, List<String> causes) {
        Map<String, Long> points = points(f);
        long total = points.values().stream().mapToLong(Long::longValue).sum();
        totals.put(f.code(), total);
        Map<String, Long> dims = new LinkedHashMap<>();
        MODEL.dimensions().forEach(d -> dims.put(d.id(), 0L));
        List<IndicatorScore> indicators = new ArrayList<>();
        for (Indicator ind : MODEL.indicators()) {
            long p = points.get(ind.id());
            dims.merge(ind.dimension().id(), p, Long::sum);
            indicators.add(new IndicatorScore(ind.id(), ind.dimension().id(), f.values.get(ind.id()), ind.unit(),
                    Points.fromCents(p)));
        }
        List<CohortRank> ranks = new ArrayList<>();
        ranks.add(rank(f, zoneCohort(f.zone), "zone", totals, o -> o.zone.equals(f.zone)));
        ranks.add(rank(f, nationCohort(), "nation", totals, o -> true));
        List<IndicatorDelta> deltas = new ArrayList<>();
        if (f.last != null) {
            for (IndicatorScore before : f.last.getIndicators()) {
                long was = Points.toCents(before.getPoints());
                long is = points.get(before.getIndicatorId());
                if (was != is) {
                    deltas.add(new IndicatorDelta(before.getIndicatorId(), Points.fromCents(was), Points.fromCents(is),
                            Points.fromCents(is - was)));
                }
            }
            deltas.sort(Comparator.comparingDouble((IndicatorDelta d) -> -Math.abs(d.getDelta())));
        }
        f.revision++;
        EnterpriseScore s = EnterpriseScore.newBuilder()
                .setCreditCode(f.code()).setName(f.name()).setZone(f.zone).setIndustry(f.n % 2 == 0 ? "I65" : "C39")
                .setModelId(MODEL.id()).setModelVersion(MODEL.version()).setAsOf(asOf).setRevision(f.revision)
                .setStage(STAGE).setRanked(true).setTotal(Points.fromCents(total))
                .setDimensions(dims.entrySet().stream().map(e -> new DimensionScore(e.getKey(),
                        Points.fromCents(e.getValue()))).toList())
                .setIndicators(indicators).setRanks(ranks)
                .setExplanation(Explanation.newBuilder().setKind(ChangeKind.DATA).setCauseEventIds(causes)
                        .setPreviousTotal(f.last == null ? null : f.last.getTotal())
                        .setPreviousStage(f.last == null ? null : STAGE).setPreviousModelVersion(null)
                        .setIndicatorDeltas(deltas).build())
                .build();
        f.last = s;
        return s;
    }

    private CohortRank rank(Firm f, String cohortId, String scope, Map<String, Long> totals,
                            java.util.function.Predicate<Firm> member) {
        long mine = totals.get(f.code());
        List<Firm> members = firms.stream().filter(member).toList();
        long above = members.stream().filter(o -> totals.get(o.code()) > mine).count();
        long below = members.stream().filter(o -> totals.get(o.code()) < mine).count();
        int rank = (int) above + 1;
        return CohortRank.newBuilder().setScope(scope).setCohortId(cohortId).setRank(rank)
                .setCohortSize(members.size()).setPercentile(100.0 * below / members.size())
                .setTier(MODEL.tierOf(rank, members.size())).build();
    }

    /** The current leaderboard of a cohort from the firms' latest scores. */
    Leaderboard leaderboard(String cohortId, Instant asOf) {
        List<EnterpriseScore> members = firms.stream().map(f -> f.last)
                .filter(s -> s.getRanks().stream().anyMatch(r -> r.getCohortId().equals(cohortId)))
                .sorted(Comparator.comparingDouble(EnterpriseScore::getTotal).reversed()
                        .thenComparing(EnterpriseScore::getCreditCode))
                .toList();
        List<LeaderboardEntry> entries = new ArrayList<>();
        for (EnterpriseScore s : members) {
            long above = members.stream().filter(o -> o.getTotal() > s.getTotal()).count();
            int rank = (int) above + 1;
            if (rank <= MODEL.topN()) {
                entries.add(new LeaderboardEntry(rank, s.getCreditCode(), s.getName(), s.getTotal(),
                        MODEL.tierOf(rank, members.size())));
            }
        }
        String[] parts = cohortId.split(":");
        long revision = boardRevisions.merge(cohortId, 1L, Long::sum);
        return Leaderboard.newBuilder().setCohortId(cohortId).setScope(parts[0]).setScopeValue(parts[1])
                .setStage(parts[2]).setModelId(MODEL.id()).setModelVersion(MODEL.version()).setAsOf(asOf)
                .setRevision(revision).setCohortSize(members.size()).setTopN(MODEL.topN()).setEntries(entries).build();
    }

    /** A ranking change of the firm in a cohort between two of its scores. */
    static RankingChange change(String changeId, EnterpriseScore before, EnterpriseScore after, String cohortId,
                                RankingChangeKind kind) {
        CohortRank was = before == null ? null : before.getRanks().stream()
                .filter(r -> r.getCohortId().equals(cohortId)).findFirst().orElse(null);
        CohortRank is = after.getRanks().stream().filter(r -> r.getCohortId().equals(cohortId)).findFirst().orElseThrow();
        return RankingChange.newBuilder().setChangeId(changeId).setCreditCode(after.getCreditCode())
                .setName(after.getName()).setCohortId(cohortId).setScope(is.getScope()).setStage(STAGE).setKind(kind)
                .setOldRank(was == null ? null : was.getRank()).setNewRank(is.getRank())
                .setOldTotal(before == null ? null : before.getTotal()).setNewTotal(after.getTotal())
                .setOldTier(was == null ? null : was.getTier()).setNewTier(is.getTier()).setTopN(MODEL.topN())
                .setDisplaced(null).setDisplacedBy(null).setModelVersion(MODEL.version()).setAsOf(after.getAsOf())
                .setExplanation(after.getExplanation()).build();
    }

    static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package io.innopoints.sink.credit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bank's credit programme for one zone (分档支持), as configured: who runs it, the budget, who is eligible and how the
 * budget is split by tier. Several programmes (one per bank and zone, or more) live side by side.
 *
 * @param id               programme id (configuration key {@code credit.<id>.…})
 * @param bankId           the bank that runs it (its bank principals read the allocation)
 * @param zone             the zone: only enterprises registered in it, ranked in its zone cohorts, are eligible
 * @param budgetYuan       the whole budget in yuan
 * @param unitYuan         rounding unit in yuan (every amount is a multiple of it, e.g. 10,000)
 * @param capYuan          the most one enterprise may get, in yuan
 * @param tiers            the base line of each tier, best tier first; an enterprise of a tier not listed is not eligible
 * @param stages           eligibility per stage id; {@link #ANY_STAGE} applies to stages not listed; a stage with no rule
 *                         is not eligible
 * @param excludePenalised whether an enterprise with an active penalty is excluded
 */
public record CreditProgramme(String id, String bankId, String zone, long budgetYuan, long unitYuan, long capYuan,
                              List<TierLine> tiers, Map<String, StageRule> stages, boolean excludePenalised) {
    /** The key of the rule for every stage that has no rule of its own. */
    public static final String ANY_STAGE = "*";

    public CreditProgramme {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(zone, "zone");
        tiers = List.copyOf(tiers);
        stages = Map.copyOf(stages);
        if (budgetYuan < 0 || unitYuan < 1 || capYuan < unitYuan) {
            throw new IllegalArgumentException("budget must be at least 0, the unit at least 1 and the cap at least one unit");
        }
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("no tier has a base line");
        }
        for (int i = 0; i < tiers.size(); i++) {
            if (i > 0 && tiers.get(i).baseYuan() > tiers.get(i - 1).baseYuan()) {
                throw new IllegalArgumentException("base lines must not increase from a better tier to a worse one: "
                        + tiers.get(i - 1) + " before " + tiers.get(i));
            }
            for (int j = 0; j < i; j++) {
                if (tiers.get(j).tier().equals(tiers.get(i).tier())) {
                    throw new IllegalArgumentException("tier " + tiers.get(i).tier() + " is listed twice");
                }
            }
        }
        for (StageRule rule : stages.values()) {
            if (rule.maxTier() != null && tierIndex(tiers, rule.maxTier()) < 0) {
                throw new IllegalArgumentException("tier " + rule.maxTier() + " of an eligibility rule has no base line");
            }
        }
    }

    /** A tier and its base line in yuan (relative: the budget scales them). */
    public record TierLine(String tier, long baseYuan) {
        public TierLine {
            Objects.requireNonNull(tier, "tier");
            if (baseYuan < 0) {
                throw new IllegalArgumentException("base line of tier " + tier + " is negative");
            }
        }
    }

    /**
     * What an enterprise of a stage must meet (all conditions given; null = not checked).
     *
     * @param maxRank          live rank at most this
     * @param maxTier          this tier or a better one (order of the programme's tier lines)
     * @param minPercentileBp  percentile at least this, in basis points (1/100 %), compared exactly:
     *                         {@code below·10000 ≥ minPercentileBp·cohortSize}
     */
    public record StageRule(Integer maxRank, String maxTier, Integer minPercentileBp) {
        public StageRule {
            if (maxRank != null && maxRank < 1) {
                throw new IllegalArgumentException("rank limit " + maxRank + " is below 1");
            }
            if (minPercentileBp != null && (minPercentileBp < 0 || minPercentileBp > 10_000)) {
                throw new IllegalArgumentException("percentile limit outside 0..100");
            }
        }
    }

    /** The rule for a stage: its own, else {@link #ANY_STAGE}'s. */
    public Optional<StageRule> rule(String stage) {
        StageRule own = stages.get(stage);
        return Optional.ofNullable(own != null ? own : stages.get(ANY_STAGE));
    }

    /** Position of a tier among the tier lines (0 = best), -1 when it has none. */
    public int tierIndex(String tier) {
        return tierIndex(tiers, tier);
    }

    /** The cohort of a stage this programme ranks by: the zone cohort. */
    public String cohortOf(String stage) {
        return "zone:" + zone + ":" + stage;
    }

    private static int tierIndex(List<TierLine> tiers, String tier) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).tier().equals(tier)) {
                return i;
            }
        }
        return -1;
    }
}

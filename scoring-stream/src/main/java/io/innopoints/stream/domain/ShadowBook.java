package io.innopoints.stream.domain;

import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.ShadowChange;
import io.innopoints.schemas.score.ShadowDiffEntry;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.model.CohortScope;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.RankIndex;
import io.innopoints.scoring.rank.CohortDistributions;
import io.innopoints.scoring.evaluate.Points;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The shadow candidate's side of one rank task: candidate scores of the members (shadow member store), a
 * {@link RankIndex} per candidate cohort and the candidate's percentile distributions, rebuilt from the store on
 * start. At the leaderboard cadence {@link #publishDiffs} compares each touched cohort with the official
 * {@link StageBook}: who would enter or leave the top-N, and whose tier would change (one O(cohort) pass per
 * touched cohort — a micro-batch). Official outputs are never touched.
 *
 * <p>Cohort-percentile points: a candidate member's points depend on the other candidate members of its percentile
 * cohort. A message that changes a distribution marks that cohort; before each round of diffs the members of the
 * marked cohorts are rescored against the current distributions (as the official side's ripple does), so the
 * diffs compare like with like.
 */
public final class ShadowBook {
    private final MemberStore members;
    private final Function<String, ScoringModel> models;
    private final Outputs out;
    private final Map<String, RankIndex> ranks = new HashMap<>();
    private CohortDistributions distributions = new CohortDistributions();
    private final Set<String> dirty = new TreeSet<>();
    private final Map<String, TreeSet<String>> percentileMembers = new HashMap<>();
    private final Set<String> dirtyPercentiles = new TreeSet<>();
    private final Map<String, List<ShadowDiffEntry>> published = new HashMap<>();

    public ShadowBook(MemberStore members, Function<String, ScoringModel> models, Outputs out) {
        this.members = members;
        this.models = models;
        this.out = out;
    }

    public void rebuild() {
        ranks.clear();
        distributions = new CohortDistributions();
        percentileMembers.clear();
        members.forEach(m -> {
            distributions.update(m.creditCode(), List.of(), m.message().percentileInputs());
            for (PercentileInput p : m.message().percentileInputs()) {
                percentileMembers.computeIfAbsent(p.cohortId(), k -> new TreeSet<>()).add(m.creditCode());
                dirtyPercentiles.add(p.cohortId());
            }
            if (m.message().ranked()) {
                for (String c : cohortIds(m.message())) {
                    ranks.computeIfAbsent(c, k -> new RankIndex()).put(m.creditCode(), m.publishedTotalCents());
                    dirty.add(c);
                }
            }
        });
    }

    /** Applies a shadow SCORE or LEAVE. */
    public void apply(StageMessage msg) {
        Member old = members.get(msg.stage(), msg.creditCode());
        if (msg instanceof StageMessage.Leave l && l.shadow()) {
            distributions.update(l.creditCode(), old == null ? List.of() : old.message().percentileInputs(), List.of());
            forget(old);
            members.delete(l.stage(), l.creditCode());
        } else if (msg instanceof StageMessage.Score s && s.shadow()) {
            score(old, s);
        } else {
            throw new IllegalArgumentException("not a shadow message: " + msg);
        }
    }

    private void score(Member old, StageMessage.Score msg) {
        ScoringModel model = models.apply(msg.modelKey());
        List<PercentileInput> current = model == null ? List.of() : msg.percentileInputs();
        distributions.update(msg.creditCode(), old == null ? List.of() : old.message().percentileInputs(), current);
        forget(old);
        if (model == null) {
            return;
        }
        for (PercentileInput p : msg.percentileInputs()) {
            percentileMembers.computeIfAbsent(p.cohortId(), k -> new TreeSet<>()).add(msg.creditCode());
            dirtyPercentiles.add(p.cohortId());
        }
        ScoreCard card = score(msg, model);
        if (msg.ranked()) {
            for (String c : cohortIds(msg)) {
                ranks.computeIfAbsent(c, k -> new RankIndex()).put(msg.creditCode(), card.totalCents());
                dirty.add(c);
            }
        }
        members.put(msg.stage(), new Member(msg, new long[0], card.totalCents(), msg.stage(), msg.modelKey(), 0,
                List.of()));
    }

    /** Takes a member's previous score out of the percentile members and rank indexes (its cohorts become dirty). */
    private void forget(Member old) {
        if (old == null) {
            return;
        }
        String code = old.creditCode();
        for (PercentileInput p : old.message().percentileInputs()) {
            TreeSet<String> codes = percentileMembers.get(p.cohortId());
            if (codes != null) {
                codes.remove(code);
            }
            dirtyPercentiles.add(p.cohortId());
        }
        if (old.message().ranked()) {
            for (String c : cohortIds(old.message())) {
                RankIndex idx = ranks.get(c);
                if (idx != null) {
                    idx.remove(code);
                }
                dirty.add(c);
            }
        }
    }

    private ScoreCard score(StageMessage.Score msg, ScoringModel model) {
        return msg.evaluation(model).score(distributions);
    }

    /**
     * Rescores the candidate members of every percentile cohort whose distribution changed; those whose total
     * changed are re-ranked and their cohorts touched. Returns how many changed.
     */
    int ripple() {
        int changed = 0;
        for (String cohortId : List.copyOf(dirtyPercentiles)) {
            TreeSet<String> codes = percentileMembers.get(cohortId);
            if (codes == null) {
                continue;
            }
            String stage = CohortScope.stageOf(cohortId);
            for (String code : List.copyOf(codes)) {
                Member m = members.get(stage, code);
                ScoringModel model = m == null ? null : models.apply(m.message().modelKey());
                if (model == null) {
                    continue;
                }
                long total = score(m.message(), model).totalCents();
                if (total == m.publishedTotalCents()) {
                    continue;
                }
                if (m.message().ranked()) {
                    for (String c : cohortIds(m.message())) {
                        ranks.computeIfAbsent(c, k -> new RankIndex()).put(code, total);
                        dirty.add(c);
                    }
                }
                members.put(stage, new Member(m.message(), new long[0], total, stage, m.publishedModelKey(), 0,
                        List.of()));
                changed++;
            }
        }
        dirtyPercentiles.clear();
        return changed;
    }

    /** Marks an official cohort as touched (its diff may have changed). */
    public void touched(String cohortId) {
        dirty.add(cohortId);
    }

    /** Publishes the diff of every touched cohort whose entries changed since its last diff. */
    public int publishDiffs(StageBook official, ScoringModel officialModel, ScoringModel candidate, long asOfMs) {
        if (candidate == null) {
            dirty.clear();
            dirtyPercentiles.clear();
            return 0;
        }
        ripple();
        int n = officialModel.topN();
        int count = 0;
        for (String cohortId : List.copyOf(dirty)) {
            RankIndex o = official.rankIndex(cohortId);
            RankIndex s = ranks.get(cohortId);
            List<ShadowDiffEntry> entries = new ArrayList<>();
            Set<String> topO = codes(o == null ? List.of() : o.top(n));
            Set<String> topS = codes(s == null ? List.of() : s.top(candidate.topN()));
            for (String code : topS) {
                if (!topO.contains(code)) {
                    entries.add(entry(code, ShadowChange.ENTERS_TOP_N, o, s, officialModel, candidate));
                }
            }
            for (String code : topO) {
                if (!topS.contains(code)) {
                    entries.add(entry(code, ShadowChange.LEAVES_TOP_N, o, s, officialModel, candidate));
                }
            }
            if (o != null && s != null) {
                for (RankIndex.Ranked r : o.range(0, o.size())) {
                    if (s.contains(r.creditCode())) {
                        String tierO = officialModel.tierOf(r.rank(), o.size());
                        String tierS = candidate.tierOf(s.rank(r.creditCode()).orElseThrow(), s.size());
                        if (!tierO.equals(tierS)) {
                            entries.add(entry(r.creditCode(), ShadowChange.TIER_CHANGE, o, s, officialModel, candidate));
                        }
                    }
                }
            }
            if (entries.equals(published.get(cohortId))) {
                continue;
            }
            published.put(cohortId, entries);
            out.shadowDiff(new ModelShadowDiff(cohortId, officialModel.key(), candidate.key(),
                    Instant.ofEpochMilli(asOfMs), o == null ? 0 : o.size(), entries));
            count++;
        }
        dirty.clear();
        return count;
    }

    private static ShadowDiffEntry entry(String code, ShadowChange change, RankIndex o, RankIndex s,
                                         ScoringModel official, ScoringModel candidate) {
        Integer rankO = o != null && o.contains(code) ? o.rank(code).orElseThrow() : null;
        Integer rankS = s != null && s.contains(code) ? s.rank(code).orElseThrow() : null;
        return new ShadowDiffEntry(code, change, rankO, rankS,
                rankO == null ? null : Points.fromCents(o.totalOf(code).orElseThrow()),
                rankS == null ? null : Points.fromCents(s.totalOf(code).orElseThrow()),
                rankO == null ? null : official.tierOf(rankO, o.size()),
                rankS == null ? null : candidate.tierOf(rankS, s.size()));
    }

    private List<String> cohortIds(StageMessage.Score msg) {
        ScoringModel model = models.apply(msg.modelKey());
        if (model == null || msg.registration() == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (CohortScope scope : model.scopes()) {
            ids.add(scope.cohortId(scope.valueOf(msg.registration()), msg.stage()));
        }
        return ids;
    }

    private static Set<String> codes(List<RankIndex.Ranked> list) {
        Set<String> out = new LinkedHashSet<>();
        list.forEach(r -> out.add(r.creditCode()));
        return out;
    }
}

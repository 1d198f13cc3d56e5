package io.innopoints.stream.domain;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.model.CohortScope;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.RankIndex;
import io.innopoints.scoring.rank.ValueDistribution;
import io.innopoints.scoring.scorer.PercentileLookup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The rank stage of one task: from {@link StageMessage}s (the enterprises of the stages this task owns) to
 * enterprise scores, ranking changes and leaderboards. Holds, as a cache of the member store, one
 * {@link RankIndex} per cohort and the percentile cohorts' distributions ({@link Ripple}); both are rebuilt from the
 * store by {@link #rebuild()}. O(log n) per message per cohort, plus O(N) for the top-N lists. This class ranks and
 * decides what to publish; the pieces around it are their own: a batch's ranking changes ({@link BatchMoves},
 * derived by {@link RankDiff}), the output records ({@link RankedRecords}), the explanations ({@link Explanations}),
 * the leaderboards ({@link Leaderboards}), the members held during a bulk pass ({@link HeldMembers}) and the
 * hand-over protocol of stage changes ({@link Handovers}).
 *
 * <p>Cohort-percentile ripple: a message that changes a distribution marks its percentile cohort dirty;
 * {@link #ripple()} (a punctuation) rescores that cohort's members and publishes only those whose points changed
 * (kind COHORT). Leaderboards: a message that touches a cohort marks it dirty; {@link #publishLeaderboards(long)}
 * publishes each dirty cohort whose top-N or size differs from the last published one.
 */
public final class StageBook {
    private final Function<String, ScoringModel> models;
    private final MemberStore members;
    private final Handovers handovers;
    private final Leaderboards leaderboards;
    private final Outputs out;
    private final Map<String, RankIndex> ranks = new HashMap<>();
    private final Map<String, Cohort> cohorts = new HashMap<>();
    private final Ripple ripple = new Ripple();
    /** The moves of the running batch per cohort, turned into ranking changes once at its end ({@link RankDiff}). */
    private final BatchMoves batchMoves = new BatchMoves();
    /** Scores of the running batch, published after its ranking changes. */
    private final List<EnterpriseScore> batchScores = new ArrayList<>();
    /** Between {@link #prepare} and {@link #endBatch}: changes and scores wait for the end of the batch. */
    private boolean inBatch;
    /** Members new to their stage held unpublished during a bulk pass; {@link #release} publishes them. */
    private final HeldMembers held = new HeldMembers();
    /** Percentile inputs put into the distributions by {@link #prepare} and not yet applied. */
    private final Map<StageMember, List<PercentileInput>> preseeded = new HashMap<>();
    private ScoringModel official;

    /**
     * @param official the official model (ranks, tiers and top-N follow it)
     * @param models   resolves a message's model key to a parsed model (never parses per record)
     */
    public StageBook(ScoringModel official, Function<String, ScoringModel> models, MemberStore members,
                     HandoverStore handovers, BoardStore boards, Outputs out) {
        this.official = Objects.requireNonNull(official);
        this.models = models;
        this.members = members;
        this.handovers = new Handovers(members, handovers, out, ripple, this::arrive);
        this.leaderboards = new Leaderboards(boards, out);
        this.out = out;
    }

    /** Rebuilds the indexes from the member store and marks everything dirty (lost marks are recomputed). */
    public void rebuild() {
        ripple.clear();
        ranks.clear();
        cohorts.clear();
        held.clear();
        members.forEach(m -> {
            if (m.awaiting()) {
                return;
            }
            watch(m);
            if (!m.published() && m.message().registration() != null) {
                held.add(StageMember.of(m)); // held before a restart: released as usual
            }
            if (m.message().ranked() && m.published()) {
                for (Cohort c : cohortsOf(m.message())) {
                    index(c).put(m.creditCode(), m.publishedTotalCents());
                    leaderboards.touched(c.id());
                }
            }
            ripple.restore(m.creditCode(), m.message().percentileInputs());
        });
    }

    /** The official rank index of a cohort, or null (read-only use: shadow diffs). */
    public RankIndex rankIndex(String cohortId) {
        return ranks.get(cohortId);
    }

    /** Cohorts whose ranks changed since the last leaderboard publication. */
    public Set<String> dirtyCohorts() {
        return leaderboards.dirty();
    }

    /** Members currently ranked in a cohort (for tests and metrics). */
    public int cohortSize(String cohortId) {
        RankIndex idx = ranks.get(cohortId);
        return idx == null ? 0 : idx.size();
    }

    /** Members in a percentile distribution (for tests and metrics). */
    public int distributionSize(String cohortId, String indicatorId) {
        ValueDistribution d = ripple.distribution(cohortId, indicatorId);
        return d == null ? 0 : d.size();
    }

    public Set<String> dirtyPercentileCohorts() {
        return ripple.dirtyCohorts();
    }

    // ---------------------------------------------------------------- messages

    /**
     * Before a commit's messages are applied: puts the percentile inputs of its SCOREs into the distributions, so
     * every member ranked in this commit gets percentile points against its cohort as of the end of the commit —
     * after a burst (a catch-up's sweep, a model rescore) the ripple then republishes only what later commits move,
     * not most of the cohort. Nothing is visible before the commit, so no published score misses a member of it.
     * Only an enterprise's single message in a stage is put in early: with several (a SCORE, its LEAVE, its return,
     * another SCORE) the first one applied took the preseed of the last, and inputs the last had and the first had
     * not stayed in the distributions after the enterprise left — a member no store had, moving its cohort's
     * percentiles until a restart. Apply the messages, then call {@link #endBatch()}.
     */
    public void prepare(List<StageMessage> batch) {
        inBatch = true;
        if (batch.size() < 2) {
            return;
        }
        Map<StageMember, Integer> perMember = new HashMap<>();
        for (StageMessage m : batch) {
            perMember.merge(StageMember.of(m), 1, Integer::sum);
        }
        for (StageMessage m : batch) {
            StageMember key = StageMember.of(m);
            if (m instanceof StageMessage.Score s && !s.shadow() && !s.arrival() && !s.percentileInputs().isEmpty()
                    && perMember.get(key) == 1) {
                ripple.update(s.creditCode(), List.of(), s.percentileInputs());
                preseeded.put(key, s.percentileInputs());
            }
        }
    }

    /** After a prepared batch: a message that failed left its inputs behind, so the indexes are rebuilt. */
    public void endBatch() {
        inBatch = false;
        flushBatch();
        if (!preseeded.isEmpty()) {
            preseeded.clear();
            rebuild();
        }
    }

    public void apply(StageMessage msg) {
        Member old = members.get(msg.stage(), msg.creditCode());
        try {
            if (msg instanceof StageMessage.Score s && !s.shadow()) {
                score(old, s);
            } else if (msg instanceof StageMessage.Leave l && !l.shadow()) {
                leave(old, l);
            } else if (msg instanceof StageMessage.Handover h) {
                handovers.onHandover(old, h);
            } else {
                throw new IllegalArgumentException("not an official-model message: " + msg);
            }
        } finally {
            if (!inBatch) {
                flushBatch();
            }
        }
    }

    /**
     * Publishes what the batch changed: per cohort the ranking changes between its state before and after the batch
     * (one per subject and kind), then the batch's scores.
     */
    private void flushBatch() {
        batchMoves.flush(ranks::get, official.tiers(), official.topN(), (cause, change) -> out.change(
                RankedRecords.change(cause, change, official.topN(), code -> nameOf(cause.cohort().stage(), code))));
        batchScores.forEach(out::score);
        batchScores.clear();
    }

    private void score(Member old, StageMessage.Score msg) {
        if (old != null && old.awaiting()) {
            // a newer message while the HANDOVER is still on its way replaces the waiting one (in no distribution)
            List<PercentileInput> seeded = preseeded.remove(StageMember.of(msg));
            if (seeded != null) {
                ripple.update(msg.creditCode(), seeded, List.of());
            }
        }
        if (handovers.onScore(old, msg)) {
            return;
        }
        List<String> causes = Causes.merge(old == null ? List.of() : old.pendingCauses(), msg.causeEventIds());
        if (held.shouldHold(old, msg)) {
            hold(old, msg, causes);
            return;
        }
        rank(old, msg, Explanations.Previous.of(old), causes);
    }

    // ---------------------------------------------------------------- holding new members during a bulk pass

    /** Whether SCOREs of members new to their stage are held unpublished ({@link HeldMembers}, {@link #release}). */
    public void holdNewMembers(boolean hold) {
        held.holding(hold);
    }

    /** Whether members are held for {@link #release}. */
    public boolean holdsMembers() {
        return held.any();
    }

    /**
     * Ranks and publishes up to {@code limit} held members (a first publication each, with every cause since it was
     * held), against the distributions as they are now; returns how many.
     */
    public int release(int limit) {
        try {
            return held.release(limit, key -> {
                Member m = members.get(key.stage(), key.creditCode());
                if (m == null || m.published() || m.awaiting()) {
                    return false; // left the stage, or published by a later message meanwhile
                }
                if (knownModel(m.message().modelKey()) == null) {
                    return false; // scored under a model replaced since: its rescore under the new one publishes it
                }
                rank(m, m.message(), Explanations.Previous.of(m), m.pendingCauses());
                return true;
            });
        } finally {
            flushBatch();
        }
    }

    /** Puts a new member's SCORE into the distributions and the store, unranked and unpublished. */
    private void hold(Member old, StageMessage.Score msg, List<String> causes) {
        preseeded.remove(StageMember.of(msg));
        ripple.update(msg.creditCode(), old == null ? List.of() : old.message().percentileInputs(),
                msg.percentileInputs());
        Member member = new Member(msg, null, 0, null, null, 0, causes);
        members.put(msg.stage(), member);
        watch(member);
        held.add(StageMember.of(msg));
    }

    /** Applies a message that arrived from another stage, explained against what that stage last published. */
    private void arrive(StageMessage.Score msg, StageMessage.Handover handover, List<String> causes) {
        rank(null, msg, Explanations.Previous.of(handover), Causes.merge(handover.causeEventIds(), causes));
    }

    private void rank(Member old, StageMessage.Score msg, Explanations.Previous previous, List<String> causes) {
        preseeded.remove(StageMember.of(msg));
        ScoringModel model = model(msg.modelKey());
        Evaluation evaluation = msg.evaluation(model);
        ripple.update(msg.creditCode(), old == null ? List.of() : old.message().percentileInputs(),
                msg.percentileInputs());
        ScoreCard card = evaluation.score(ripple.lookup());
        commit(old, msg, card, msg.changeKind(), causes, 0, previous);
    }

    private void leave(Member old, StageMessage.Leave msg) {
        if (handovers.onLeave(old, msg) || old == null) {
            return;
        }
        ripple.update(msg.creditCode(), old.message().percentileInputs(), List.of());
        ScoringModel model = official;
        long revision = Member.revision(msg.profileSeq(), 0);
        String cause = msg.creditCode() + ":" + revision + ":leave";
        Explanation explanation = new Explanation(msg.changeKind() == null ? ChangeKind.DATA : msg.changeKind(),
                msg.causeEventIds(), old.published() ? Points.fromCents(old.publishedTotalCents()) : null,
                old.publishedStage(), null, List.of());
        RankingChangeKind kind = msg.changeKind() == ChangeKind.STAGE ? RankingChangeKind.STAGE_CHANGED
                : RankingChangeKind.LEFT;
        if (old.message().ranked() && old.published()) {
            for (Cohort c : cohortsOf(old.message())) {
                cohortChange(model, c, old.message(), old.publishedTotalCents(), null, kind, cause, explanation,
                        msg.asOfMs());
            }
        }
        members.delete(msg.stage(), msg.creditCode());
        ripple.unwatch(msg.stage(), msg.creditCode());
    }

    // ---------------------------------------------------------------- ripple

    private void watch(Member m) {
        ripple.watch(m, knownModel(m.message().modelKey()));
    }

    /** Rescores the members of every dirty percentile cohort; publishes only those whose points changed. */
    public int ripple() {
        int published = ripple(Integer.MAX_VALUE);
        while (rippling()) {
            published += ripple(Integer.MAX_VALUE);
        }
        return published;
    }

    /** Whether a ripple round stopped at a limit and has members left to check ({@link #ripple(int, int)}). */
    public boolean rippling() {
        return ripple.rippling();
    }

    /** {@link #ripple(int, int)} checking as many members as it takes; returns the publications. */
    public int ripple(int limit) {
        return ripple(limit, Integer.MAX_VALUE).published();
    }

    /**
     * One step of a ripple round: starts a round over the dirty percentile cohorts when none is running, then checks
     * members in credit-code order and republishes those whose points changed, stopping after {@code limit}
     * publications (a cohort of hundreds of thousands moved by a sweep must not make one transaction of it) or
     * {@code checks} members checked. Cohorts that become dirty meanwhile wait for the next round.
     */
    public RippleStep ripple(int limit, int checks) {
        try {
            return ripple.step(limit, checks, key -> knownModel(key) == official, this::republish);
        } finally {
            flushBatch();
        }
    }

    /** Rescores one member the ripple found moved against the current distributions; publishes it if it did. */
    private boolean republish(String stage, String code, PercentileLookup lookup) {
        Member m = members.get(stage, code);
        if (m == null || !m.published()) {
            return false;
        }
        ScoringModel model = model(m.message().modelKey());
        ScoreCard card = m.message().evaluation(model).score(lookup);
        if (Arrays.equals(centsOf(card, model), m.publishedCents())) {
            return false;
        }
        commit(m, m.message(), card, ChangeKind.COHORT, m.pendingCauses(), m.rippleSeq() + 1, Explanations.Previous.of(m));
        return true;
    }

    // ---------------------------------------------------------------- leaderboards

    /**
     * Publishes every dirty cohort whose top-N or size differs from its last publication (the size is part of the
     * leaderboard: a member joining or leaving below the top-N changes it too).
     */
    public int publishLeaderboards(long asOfMs) {
        return leaderboards.publish(asOfMs, official, cohorts::get, ranks::get, this::nameOf);
    }

    /** The registered name of a member of a stage ("" when unknown). */
    private String nameOf(String stage, String code) {
        Member m = members.get(stage, code);
        return m == null || m.message().registration() == null ? "" : m.message().registration().getName();
    }

    // ---------------------------------------------------------------- core

    /**
     * Ranks and publishes one member's new card. {@code previous} is what was last published for the enterprise
     * (here, or in the stage it came from); {@code old} is its member in this stage (null when it is new here).
     */
    private void commit(Member old, StageMessage.Score msg, ScoreCard card, ChangeKind requestedKind, List<String> causes,
                        long rippleSeq, Explanations.Previous previous) {
        ScoringModel model = model(msg.modelKey());
        long[] cents = centsOf(card, model);
        long total = card.totalCents();
        long revision = Member.revision(msg.profileSeq(), rippleSeq);
        String code = msg.creditCode();

        boolean samePlace = old != null && old.published();
        String previousStage = previous.stage();
        boolean modelChanged = previous.modelKey() != null && !previous.modelKey().equals(msg.modelKey());
        ChangeKind kind = requestedKind == null ? ChangeKind.DATA : requestedKind;
        if (kind != ChangeKind.MODEL && previousStage != null && !previousStage.equals(msg.stage())) {
            kind = ChangeKind.STAGE;
        }
        String previousModelVersion = modelChanged ? versionOf(previous.modelKey()) : null;
        Explanation explanation = new Explanation(kind, causes, previous.total(), previousStage, previousModelVersion,
                Explanations.deltas(previous, model, cents, this::knownModel));
        Explanation changeExplanation = Explanations.forChange(explanation);

        // ranks: every cohort the member was or is in
        String cause = code + ":" + revision;
        Map<String, Long> oldCohorts = new HashMap<>();
        if (samePlace && old.message().ranked()) {
            for (Cohort c : cohortsOf(old.message())) {
                oldCohorts.put(c.id(), old.publishedTotalCents());
            }
        }
        List<Cohort> newCohorts = msg.ranked() ? cohortsOf(msg) : List.of();
        boolean arrivedFromOtherStage = !samePlace && msg.arrival();
        for (Cohort c : newCohorts) {
            Long before = oldCohorts.remove(c.id());
            RankingChangeKind arrival = arrivedFromOtherStage ? RankingChangeKind.STAGE_CHANGED : RankingChangeKind.JOINED;
            cohortChange(model, c, msg, before, total, arrival, cause, changeExplanation, msg.asOfMs());
        }
        for (Map.Entry<String, Long> gone : oldCohorts.entrySet()) {
            cohortChange(model, cohorts.get(gone.getKey()), msg, gone.getValue(), null, RankingChangeKind.LEFT, cause,
                    changeExplanation, msg.asOfMs());
        }

        boolean visible = !samePlace || !Arrays.equals(old.publishedCents(), cents)
                || !Arrays.equals(old.message().values(), msg.values())
                || !msg.stage().equals(old.publishedStage()) || old.message().ranked() != msg.ranked()
                || modelChanged || !sameRegistration(old.message().registration(), msg.registration());
        Member updated;
        if (visible && msg.registration() != null) {
            // built now, with the ranks as of this message: the enterprise may leave the stage later in the batch,
            // and what the member records as published (a HANDOVER passes it on) must have been published
            batchScores.add(RankedRecords.score(model, official, msg, card, revision, explanation, newCohorts,
                    ranks::get));
            updated = new Member(msg, cents, total, msg.stage(), msg.modelKey(), rippleSeq, List.of());
        } else if (samePlace) {
            updated = new Member(msg, old.publishedCents(), old.publishedTotalCents(), old.publishedStage(),
                    old.publishedModelKey(), rippleSeq, causes);
        } else {
            updated = new Member(msg, null, 0, null, null, rippleSeq, causes);
        }
        members.put(msg.stage(), updated);
        watch(updated);
    }

    /**
     * Applies one member's move in one cohort; what it changed there is published at the end of the batch
     * ({@link #flushBatch()}), against the cohort as it was before the batch.
     */
    private void cohortChange(ScoringModel model, Cohort c, StageMessage.Score msg, Long oldTotal, Long newTotal,
                              RankingChangeKind presenceKind, String cause, Explanation explanation, long asOfMs) {
        RankIndex idx = index(c);
        String code = msg.creditCode();
        if (Objects.equals(oldTotal, newTotal)) {
            if (newTotal != null) {
                idx.put(code, newTotal);
            }
            return;
        }
        // the first total of the batch stays the old one; the latest move and its explanation win
        batchMoves.record(c, idx, official.topN(), code, oldTotal, newTotal, presenceKind,
                new ChangeCause(model, c, msg, cause, explanation, asOfMs));
        if (newTotal == null) {
            idx.remove(code);
        } else {
            idx.put(code, newTotal);
        }
        leaderboards.touched(c.id());
    }

    // ---------------------------------------------------------------- helpers

    private RankIndex index(Cohort c) {
        cohorts.putIfAbsent(c.id(), c);
        return ranks.computeIfAbsent(c.id(), k -> new RankIndex());
    }

    private List<Cohort> cohortsOf(StageMessage.Score msg) {
        if (msg.registration() == null) {
            return List.of();
        }
        List<Cohort> out = new ArrayList<>();
        for (CohortScope scope : official.scopes()) {
            String value = scope.valueOf(msg.registration());
            String id = scope.cohortId(value, msg.stage());
            Cohort known = cohorts.get(id);
            out.add(known != null ? known : new Cohort(id, scope.id(), value, msg.stage()));
        }
        return out;
    }

    private static long[] centsOf(ScoreCard card, ScoringModel model) {
        long[] cents = new long[model.indicators().size()];
        for (int i = 0; i < cents.length; i++) {
            cents[i] = Points.toCents(card.indicatorPoints(i));
        }
        return cents;
    }

    private static boolean sameRegistration(EnterpriseRegistration a, EnterpriseRegistration b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getName().equals(b.getName()) && a.getZone().equals(b.getZone())
                && a.getIndustry().equals(b.getIndustry());
    }

    /** The model of a message's key, null when this task does not know it. */
    private ScoringModel knownModel(String key) {
        return key == null || key.equals(official.key()) ? official : models.apply(key);
    }

    private ScoringModel model(String key) {
        ScoringModel m = knownModel(key);
        if (m == null) {
            throw new IllegalStateException("message scored under unknown model " + key);
        }
        return m;
    }

    private static String versionOf(String modelKey) {
        return modelKey == null ? null : modelKey.substring(modelKey.indexOf(':') + 1);
    }

    /** Switches the official model (after an ACTIVATE): ranks and tiers follow it from now on. */
    public void official(ScoringModel model) {
        this.official = model;
    }
}

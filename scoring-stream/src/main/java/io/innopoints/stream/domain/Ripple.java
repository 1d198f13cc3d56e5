package io.innopoints.stream.domain;

import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.model.CohortScope;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.CohortDistributions;
import io.innopoints.scoring.rank.ValueDistribution;
import io.innopoints.scoring.scorer.PercentileLookup;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The cohort-percentile side of a rank task: the distributions of its percentile cohorts, the members each holds,
 * the points last published for each member's percentile indicators, and the ripple round that finds the members
 * whose rounded points the distributions moved. A cache of the member store, rebuilt by {@link #clear()} and
 * {@link #restore}. A change to a distribution marks its cohort dirty; a round checks the dirty cohorts' members in
 * credit-code order and hands those whose points changed to a {@link Republisher}.
 */
final class Ripple {
    /** Rescores and republishes one member; false when, after all, nothing was published. */
    @FunctionalInterface
    interface Republisher {
        boolean republish(String stage, String creditCode, PercentileLookup lookup);
    }

    /**
     * A published member's cohort-percentile inputs, the weights of its model's indicators in its stage (one array
     * shared by all members of the stage) and the points last published for them: its other points come from its own
     * message and cannot change in a ripple, so comparing these alone tells whether the ripple must rescore and
     * republish it (no store read for the members it leaves as they are).
     */
    private record PercentilePoints(String modelKey, List<PercentileInput> inputs, double[] stageWeights,
                                    long[] cents) {
        boolean changedUnder(PercentileLookup lookup) {
            for (int i = 0; i < cents.length; i++) {
                PercentileInput input = inputs.get(i);
                if (Evaluation.percentileCents(stageWeights[input.indicatorIndex()], input, lookup) != cents[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    private CohortDistributions distributions = new CohortDistributions();
    private final Map<String, TreeSet<String>> members = new HashMap<>();
    /** Per published member: its percentile inputs and their published points. */
    private final Map<StageMember, PercentilePoints> published = new HashMap<>();
    private final Set<String> dirty = new TreeSet<>();
    /** Indicator weights per model and stage, shared by the members' points. */
    private final Map<StageOfModel, double[]> weights = new HashMap<>();

    private record StageOfModel(String modelKey, String stage) {
    }
    /** The round in progress: cohorts left to check, and the last member checked in the first of them. */
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private String after;

    /** Forgets everything (before a rebuild from the store). */
    void clear() {
        queue.clear();
        after = null;
        distributions = new CohortDistributions();
        members.clear();
        published.clear();
        weights.clear();
    }

    /** A member read back from the store: into its distributions, each of its cohorts dirty (marks are not stored). */
    void restore(String creditCode, List<PercentileInput> inputs) {
        distributions.update(creditCode, List.of(), inputs);
        for (PercentileInput p : inputs) {
            members.computeIfAbsent(p.cohortId(), k -> new TreeSet<>()).add(creditCode);
            dirty.add(p.cohortId());
        }
    }

    /** A member's percentile inputs changed; marks the cohorts whose distribution changed. */
    void update(String creditCode, List<PercentileInput> before, List<PercentileInput> after) {
        for (CohortDistributions.Key changed : distributions.update(creditCode, before, after)) {
            dirty.add(changed.cohortId());
        }
        for (PercentileInput p : before) {
            TreeSet<String> set = members.get(p.cohortId());
            if (set != null && after.stream().noneMatch(a -> a.cohortId().equals(p.cohortId()))) {
                set.remove(creditCode);
            }
        }
        for (PercentileInput p : after) {
            members.computeIfAbsent(p.cohortId(), k -> new TreeSet<>()).add(creditCode);
        }
    }

    PercentileLookup lookup() {
        return distributions;
    }

    ValueDistribution distribution(String cohortId, String indicatorId) {
        return distributions.get(cohortId, indicatorId);
    }

    Set<String> dirtyCohorts() {
        return Set.copyOf(dirty);
    }

    /** The member is no longer published here (waiting for a HANDOVER, or gone). */
    void unwatch(String stage, String creditCode) {
        published.remove(new StageMember(stage, creditCode));
    }

    /**
     * Keeps what was published for a member as stored in step with it.
     *
     * @param model the model of its message, null when this task no longer knows it (the ripple cannot rescore it)
     */
    void watch(Member m, ScoringModel model) {
        StageMember key = StageMember.of(m);
        List<PercentileInput> inputs = m.message().percentileInputs();
        if (m.awaiting() || !m.published() || inputs.isEmpty() || model == null
                || model.stage(m.message().stage()).isEmpty()) {
            published.remove(key);
            return;
        }
        long[] cents = new long[inputs.size()];
        for (int i = 0; i < cents.length; i++) {
            cents[i] = m.publishedCents()[inputs.get(i).indicatorIndex()];
        }
        published.put(key, new PercentilePoints(m.message().modelKey(), inputs,
                weights.computeIfAbsent(new StageOfModel(model.key(), m.message().stage()),
                        k -> stageWeights(model, k.stage())), cents));
    }

    private static double[] stageWeights(ScoringModel model, String stageId) {
        int stage = model.stage(stageId).orElseThrow().index();
        return model.indicators().stream().mapToDouble(indicator -> indicator.weight(stage)).toArray();
    }

    /** Whether a round stopped at its limit and has members left to check. */
    boolean rippling() {
        return !queue.isEmpty();
    }

    /**
     * One step of a round: starts a round over the dirty cohorts when none is running, then checks members in
     * credit-code order and republishes those whose points changed, stopping after {@code limit} publications or
     * {@code checks} members checked, whichever comes first (the next step goes on from there). A live national
     * cohort is dirty at every ripple interval, and checking all its 365,000 members each time took 10–20 % of a
     * stream thread while live input flowed (JFR, 500,000 enterprises); with a check allowance the round takes
     * longer instead. Cohorts that become dirty meanwhile wait for the next round. A member last published under
     * another model than the official one is left alone: after an ACTIVATE the profile stage rescores every such
     * enterprise under the new model anyway, and republishing it under the old one meanwhile made the ripple check —
     * and publish — whole national cohorts over and over while their SCOREs were arriving.
     *
     * @param official whether a model key is the official model's
     */
    RippleStep step(int limit, int checks, Predicate<String> official, Republisher republisher) {
        if (queue.isEmpty()) {
            if (dirty.isEmpty()) {
                return RippleStep.NONE;
            }
            queue.addAll(dirty);
            dirty.clear();
            after = null;
        }
        int done = 0;
        int checked = 0;
        while (!queue.isEmpty()) {
            String cohortId = queue.peek();
            TreeSet<String> codes = members.getOrDefault(cohortId, new TreeSet<>());
            String stage = CohortScope.stageOf(cohortId);
            // a republication changes ranks and published points, never the percentile members: iterate in place
            Iterator<String> it = (after == null ? codes : codes.tailSet(after, false)).iterator();
            while (it.hasNext()) {
                if (done >= limit || checked >= checks) {
                    return new RippleStep(done, checked);
                }
                String code = it.next();
                after = code;
                checked++;
                PercentilePoints watched = published.get(new StageMember(stage, code));
                if (watched != null && official.test(watched.modelKey()) && watched.changedUnder(distributions)
                        && republisher.republish(stage, code, distributions)) {
                    done++;
                }
            }
            queue.poll();
            after = null;
        }
        return new RippleStep(done, checked);
    }
}

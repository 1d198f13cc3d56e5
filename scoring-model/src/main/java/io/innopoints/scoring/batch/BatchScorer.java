package io.innopoints.scoring.batch;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.scoring.evaluate.Cohort;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.scorer.CohortPercentile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch reference scorer (oracle): from every enterprise's folded profile, a model and an as-of instant, it
 * recomputes everything from scratch — evaluation, cohort distributions (sorted arrays) for cohort-percentile
 * indicators, score cards, then ranks by sorting each cohort (total desc, credit code asc): competition rank,
 * percentile (share strictly below) and tier. It shares the formulas with the stream but none of its incremental
 * structures, so streaming correctness tests compare against it.
 */
public final class BatchScorer {
    private BatchScorer() {
    }

    public static BatchResult score(ScoringModel model, Map<String, EnterpriseProfile> profiles, Instant asOf) {
        List<Evaluation> evaluations = new ArrayList<>(profiles.size());
        for (EnterpriseProfile p : new TreeMap<>(profiles).values()) {
            evaluations.add(Evaluator.evaluate(model, p, asOf));
        }

        // cohort distributions of the cohort-percentile metrics: ranked enterprises with a value
        Map<String, List<Double>> values = new HashMap<>();
        for (Evaluation e : evaluations) {
            for (PercentileInput in : e.percentileInputs()) {
                values.computeIfAbsent(in.cohortId() + "|" + in.indicatorId(), k -> new ArrayList<>()).add(in.value());
            }
        }
        Map<String, CohortPercentile> distributions = new HashMap<>();
        values.forEach((key, list) -> distributions.put(key,
                CohortPercentile.of(list.stream().mapToDouble(Double::doubleValue).toArray())));

        List<ScoreCard> cards = new ArrayList<>(evaluations.size());
        for (Evaluation e : evaluations) {
            cards.add(e.score((cohortId, indicatorId, value) ->
                    distributions.get(cohortId + "|" + indicatorId).percentileOf(value)));
        }

        Map<String, List<ScoreCard>> members = new LinkedHashMap<>();
        for (ScoreCard card : cards) {
            if (card.evaluation().ranked()) {
                for (Cohort c : card.evaluation().cohorts()) {
                    members.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(card);
                }
            }
        }
        Map<ScoreCard, List<CohortRank>> ranks = new HashMap<>();
        Map<String, List<ScoreCard>> ordered = new TreeMap<>();
        for (Map.Entry<String, List<ScoreCard>> e : members.entrySet()) {
            List<ScoreCard> cohort = e.getValue();
            cohort.sort(Comparator.comparingLong(ScoreCard::totalCents).reversed()
                    .thenComparing(c -> c.evaluation().creditCode()));
            ordered.put(e.getKey(), cohort);
            int n = cohort.size();
            int rank = 0;
            int i = 0;
            while (i < n) {
                // a run of equal totals shares rank i + 1; members strictly below are those after the run
                int j = i;
                while (j < n && cohort.get(j).totalCents() == cohort.get(i).totalCents()) {
                    j++;
                }
                rank = i + 1;
                double percentile = 100.0 * (n - j) / n;
                String tier = model.tierOf(rank, n);
                for (int k = i; k < j; k++) {
                    ScoreCard card = cohort.get(k);
                    Cohort c = card.evaluation().cohorts().stream().filter(x -> x.id().equals(e.getKey())).findFirst()
                            .orElseThrow();
                    ranks.computeIfAbsent(card, x -> new ArrayList<>())
                            .add(new CohortRank(c.scope().id(), c.id(), rank, n, percentile, tier));
                }
                i = j;
            }
        }

        List<BatchResult.Row> rows = new ArrayList<>(cards.size());
        Map<ScoreCard, BatchResult.Row> rowOf = new HashMap<>();
        for (ScoreCard card : cards) {
            List<CohortRank> r = ranks.getOrDefault(card, List.of());
            // model scope order, as the cohorts were listed
            List<CohortRank> sorted = new ArrayList<>();
            for (Cohort c : card.evaluation().cohorts()) {
                r.stream().filter(x -> x.getCohortId().equals(c.id())).findFirst().ifPresent(sorted::add);
            }
            BatchResult.Row row = new BatchResult.Row(card, List.copyOf(sorted));
            rows.add(row);
            rowOf.put(card, row);
        }
        Map<String, List<BatchResult.Row>> cohorts = new LinkedHashMap<>();
        ordered.forEach((id, list) -> cohorts.put(id, list.stream().map(rowOf::get).toList()));
        return new BatchResult(model, asOf, List.copyOf(rows), cohorts);
    }
}

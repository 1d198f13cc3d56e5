package io.innopoints.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.LeaderboardEntry;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.evaluate.Points;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads every output topic with read_committed (only what exactly-once committed) and keeps the latest score per
 * enterprise, the latest leaderboard and shadow diff per cohort, every ranking change and every dead letter; compares
 * them with the oracle. Also checks every score's explanation against the enterprise's previous score on the topic
 * (previous total, stage and per-indicator points): {@link #explanationErrors}.
 */
final class Outputs implements AutoCloseable {
    private final KafkaConsumer<String, Object> consumer;
    private final TopicCatalog topics;
    final Map<String, EnterpriseScore> scores = new HashMap<>();
    final Map<String, Leaderboard> boards = new HashMap<>();
    final List<RankingChange> changes = new ArrayList<>();
    final List<DeadLetter> dead = new ArrayList<>();
    /** The latest shadow diff per cohort. */
    final Map<String, ModelShadowDiff> shadowDiffs = new HashMap<>();
    /** Records read from enterprise-scores and leaderboards (every one, not only the latest). */
    int scoreRecords;
    int boardRecords;
    /** Scores whose explanation does not match the enterprise's previous score on the topic. */
    final List<String> explanationErrors = new ArrayList<>();
    private final Map<String, EnterpriseScore> lastRead = new HashMap<>();
    /** Stage changes among the checked explanations (how much the check covered). */
    int stageChangesChecked;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Outputs(String bootstrap, SchemaRegistryClient registry, TopicCatalog topics) {
        this.topics = topics;
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<Object> values = (Deserializer) AvroSerdes.generic(registry, false).deserializer();
        Deserializer<Object> specific = new Deserializer<>() {
            private final Map<String, Deserializer> byTopic = Map.of(
                    topics.name(Topic.ENTERPRISE_SCORES), AvroSerdes.value(EnterpriseScore.class, registry).deserializer(),
                    topics.name(Topic.LEADERBOARDS), AvroSerdes.value(Leaderboard.class, registry).deserializer(),
                    topics.name(Topic.RANKING_CHANGES), AvroSerdes.value(RankingChange.class, registry).deserializer(),
                    topics.name(Topic.SCORING_STREAM_DLQ), AvroSerdes.value(DeadLetter.class, registry).deserializer(),
                    topics.name(Topic.MODEL_SHADOW_DIFFS),
                    AvroSerdes.value(ModelShadowDiff.class, registry).deserializer());

            @Override
            public Object deserialize(String topic, byte[] data) {
                return byTopic.getOrDefault(topic, values).deserialize(topic, data);
            }
        };
        consumer = new KafkaConsumer<>(props, AvroSerdes.stringKey(registry).deserializer(), specific);
        // assigned, not subscribed: no group membership that a starved heartbeat could lose mid-test
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (Topic t : List.of(Topic.ENTERPRISE_SCORES, Topic.LEADERBOARDS, Topic.RANKING_CHANGES,
                Topic.SCORING_STREAM_DLQ, Topic.MODEL_SHADOW_DIFFS)) {
            consumer.partitionsFor(topics.name(t)).forEach(p -> partitions.add(
                    new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what is available now. */
    Outputs drain() {
        for (int i = 0; i < 50; i++) {
            var records = consumer.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                break;
            }
            for (ConsumerRecord<String, Object> r : records) {
                if (r.value() instanceof EnterpriseScore s) {
                    scoreRecords++;
                    checkExplanation(lastRead.put(s.getCreditCode(), s), s);
                    scores.merge(s.getCreditCode(), s, (a, b) -> b.getRevision() > a.getRevision() ? b : a);
                } else if (r.value() instanceof Leaderboard l) {
                    boardRecords++;
                    boards.merge(l.getCohortId(), l, (a, b) -> b.getRevision() > a.getRevision() ? b : a);
                } else if (r.value() instanceof RankingChange c) {
                    changes.add(c);
                } else if (r.value() instanceof DeadLetter d) {
                    dead.add(d);
                } else if (r.value() instanceof ModelShadowDiff d) {
                    shadowDiffs.put(d.getCohortId(), d);
                }
            }
        }
        return this;
    }

    /** An enterprise's scores are in one partition: each must be explained against the one before it. */
    private void checkExplanation(EnterpriseScore before, EnterpriseScore s) {
        var e = s.getExplanation();
        if (before == null || e.getPreviousTotal() == null) {
            // the first score, or the first after the enterprise lost its registration
            return;
        }
        Map<String, Double> points = new HashMap<>();
        before.getIndicators().forEach(i -> points.put(i.getIndicatorId(), i.getPoints()));
        List<String> wrong = new ArrayList<>();
        if (Points.toCents(e.getPreviousTotal()) != Points.toCents(before.getTotal())) {
            wrong.add("previousTotal " + e.getPreviousTotal() + " but previous score " + before.getTotal());
        }
        if (!before.getStage().equals(e.getPreviousStage())) {
            wrong.add("previousStage " + e.getPreviousStage() + " but previous score " + before.getStage());
        }
        e.getIndicatorDeltas().forEach(d -> {
            long was = Points.toCents(points.getOrDefault(d.getIndicatorId(), 0.0));
            if (Points.toCents(d.getPreviousPoints()) != was) {
                wrong.add(d.getIndicatorId() + " previous " + d.getPreviousPoints() + " but previous score "
                        + Points.fromCents(was));
            }
        });
        // and the deltas name exactly the indicators whose points changed
        Map<String, Long> changed = new HashMap<>();
        points.forEach((id, p) -> changed.put(id, -Points.toCents(p)));
        s.getIndicators().forEach(i -> changed.merge(i.getIndicatorId(), Points.toCents(i.getPoints()), Long::sum));
        java.util.Set<String> expectedIds = new java.util.TreeSet<>();
        changed.forEach((id, d) -> {
            if (d != 0) {
                expectedIds.add(id);
            }
        });
        java.util.Set<String> deltaIds = new java.util.TreeSet<>();
        e.getIndicatorDeltas().forEach(d -> deltaIds.add(d.getIndicatorId()));
        if (!deltaIds.equals(expectedIds)) {
            wrong.add("deltas for " + deltaIds + " but points changed for " + expectedIds);
        }
        if (!before.getStage().equals(s.getStage())) {
            stageChangesChecked++;
        }
        if (!wrong.isEmpty()) {
            explanationErrors.add(s.getCreditCode() + " revision " + s.getRevision() + " (" + e.getKind() + "): "
                    + wrong);
        }
    }

    /** Differences between the latest outputs and the oracle, at most {@code limit} described. */
    List<String> differences(BatchResult oracle, int limit) {
        List<String> out = new ArrayList<>();
        for (BatchResult.Row row : oracle.rows()) {
            if (out.size() >= limit) {
                break;
            }
            if (row.card().evaluation().registration().isEmpty()) {
                continue;
            }
            String code = row.creditCode();
            EnterpriseScore s = scores.get(code);
            if (s == null) {
                out.add(code + ": no score published");
                continue;
            }
            if (Points.toCents(s.getTotal()) != row.card().totalCents()) {
                out.add(code + ": total " + s.getTotal() + " but oracle " + row.card().total() + " (stage "
                        + s.getStage() + " / " + row.card().evaluation().stage().id() + ", asOf " + s.getAsOf() + ")");
                continue;
            }
            if (!s.getStage().equals(row.card().evaluation().stage().id())) {
                out.add(code + ": stage " + s.getStage() + " but oracle " + row.card().evaluation().stage().id());
                continue;
            }
            List<IndicatorScore> expected = row.card().indicatorScores();
            if (!expected.equals(s.getIndicators())) {
                out.add(code + ": indicators differ: " + s.getIndicators() + " vs oracle " + expected);
            }
        }
        int n = oracle.model().topN();
        for (String cohortId : oracle.cohorts().keySet()) {
            if (out.size() >= limit) {
                break;
            }
            List<String> expected = oracle.top(cohortId, n).stream()
                    .map(r -> r.rankIn(cohortId).getRank() + ":" + r.creditCode() + ":" + r.card().total()).toList();
            Leaderboard board = boards.get(cohortId);
            List<String> actual = board == null ? List.of() : board.getEntries().stream()
                    .map((LeaderboardEntry e) -> e.getRank() + ":" + e.getCreditCode() + ":" + e.getTotal()).toList();
            if (!expected.equals(actual)) {
                out.add("leaderboard " + cohortId + ": " + actual + " but oracle " + expected);
            } else if (board != null && board.getCohortSize() != oracle.cohorts().get(cohortId).size()) {
                out.add("leaderboard " + cohortId + ": size " + board.getCohortSize() + " but oracle "
                        + oracle.cohorts().get(cohortId).size());
            }
        }
        return out;
    }

    /**
     * Waits until every enterprise and cohort equals the oracle and the dead letters are exactly {@code bad}, then
     * checks that no ranking change appears twice and every explanation matches the score before it.
     */
    void assertEndsAtTheOracle(BatchResult oracle, Set<String> bad, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(drain().differences(oracle, 10)).isEmpty());
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(drain().dead.stream()
                .map(OracleEqualityIT::provenance).collect(Collectors.toSet())).isEqualTo(bad));
        assertThat(dead).hasSize(bad.size());
        assertThat(changes).extracting(c -> c.getChangeId()).doesNotHaveDuplicates();
        assertThat(explanationErrors).isEmpty();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

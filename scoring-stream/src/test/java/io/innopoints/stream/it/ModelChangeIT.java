package io.innopoints.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.control.ModelAction;
import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.ShadowChange;
import io.innopoints.schemas.score.ShadowDiffEntry;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.app.ScoringStreamApp;
import io.innopoints.stream.config.ScoringConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Model rollout on the embedded broker, through the {@code scoring-models} control topic while the app keeps
 * running: a SHADOW candidate publishes {@code model-shadow-diffs} and leaves the official outputs alone; an ACTIVATE
 * rescores every enterprise (kind MODEL) to exactly the batch oracle's scores under the new model. A small generated
 * log ({@code -Dit.model.enterprises}, default 300) keeps it well under two minutes on two cores.
 */
class ModelChangeIT {
    private static final String OFFICIAL = "official";
    private static final String SHADOW = "shadow";

    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    @Test
    @Timeout(300)
    void shouldShadowThenActivateANewModelWithoutRestartingAndEndEqualToTheOracleUnderIt() throws Exception {
        // Given the app has scored a generated log under zone-20n
        TopicCatalog topics = platform.uniqueCatalog(OracleEqualityIT.PARTITIONS);
        GeneratedFeed.Result feed = GeneratedFeed.produce(platform.bootstrapServers(), platform.registryClient(),
                topics, GeneratorConfig.defaults().withEnterprises(Integer.getInteger("it.model.enterprises", 300))
                        .withSeed(11), OracleEqualityIT.PARTITIONS);
        ScoringModel zone = ScoringModel.builtin("zone-20n");
        BatchResult underZone = BatchScorer.score(zone, feed.profiles(), feed.end());
        ScoringConfig config = ScoringConfig.from(OracleEqualityIT.appConfig(platform, topics,
                platform.uniqueName("app"), Files.createTempDirectory("model-it").toString()), Map.of());
        ScoringStreamApp streams = ScoringStreamApp.start(config, zone, platform.registryClient());
        String modelsTopic = topics.name(Topic.SCORING_MODELS);
        try (Outputs outputs = new Outputs(platform.bootstrapServers(), platform.registryClient(), topics)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(outputs.drain().differences(underZone, 5)).isEmpty());

            // When a candidate (zone-20n with a top-5 instead of a top-20) runs in shadow
            String candidateYaml = yaml("zone-20n", "2099.1-shadow").replaceFirst("(?m)^topN: \\d+", "topN: 5");
            ScoringModel candidate = ScoringModel.load(candidateYaml, "candidate");
            Map<String, Long> scoresBefore = revisions(outputs.scores);
            int scoreRecordsBefore = outputs.scoreRecords;
            int boardRecordsBefore = outputs.boardRecords;
            int changesBefore = outputs.changes.size();
            platform.produce(modelsTopic, SHADOW, new ModelCommand(platform.uniqueName("cmd"), ModelAction.SHADOW,
                    candidateYaml, "model-it", Instant.now()));

            // Then every cohort's diff names exactly who would leave the top-N (same scores, a smaller top-N)
            Map<String, Set<String>> leavers = new HashMap<>();
            for (String cohortId : underZone.cohorts().keySet()) {
                Set<String> top20 = codes(underZone.top(cohortId, zone.topN()));
                top20.removeAll(codes(underZone.top(cohortId, candidate.topN())));
                leavers.put(cohortId, top20);
            }
            assertThat(leavers.values()).anySatisfy(set -> assertThat(set).isNotEmpty());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                outputs.drain();
                for (Map.Entry<String, Set<String>> cohort : leavers.entrySet()) {
                    ModelShadowDiff diff = outputs.shadowDiffs.get(cohort.getKey());
                    assertThat(diff).as("diff of %s", cohort.getKey()).isNotNull();
                    assertThat(diff.getCandidateModel()).isEqualTo(candidate.key());
                    assertThat(diff.getOfficialModel()).isEqualTo(zone.key());
                    assertThat(diff.getEntries()).as("diff of %s", cohort.getKey())
                            .allSatisfy(e -> assertThat(e.getChange()).isEqualTo(ShadowChange.LEAVES_TOP_N))
                            .extracting(ShadowDiffEntry::getCreditCode)
                            .containsExactlyInAnyOrderElementsOf(cohort.getValue());
                }
            });
            // and the official outputs did not move
            outputs.drain();
            assertThat(revisions(outputs.scores)).isEqualTo(scoresBefore);
            assertThat(outputs.scoreRecords).isEqualTo(scoreRecordsBefore);
            assertThat(outputs.boardRecords).isEqualTo(boardRecordsBefore);
            assertThat(outputs.changes).hasSize(changesBefore);

            // When national-2024 is activated on the control topic (same running app)
            ScoringModel national = ScoringModel.builtin("national-2024");
            BatchResult underNational = BatchScorer.score(national, feed.profiles(), feed.end());
            platform.produce(modelsTopic, OFFICIAL, new ModelCommand(platform.uniqueName("cmd"),
                    ModelAction.ACTIVATE, yaml("national-2024", national.version()), "model-it", Instant.now()));

            // Then every enterprise is rescored to the oracle's score under national-2024, labelled MODEL
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(outputs.drain().differences(underNational, 5)).isEmpty());
            List<EnterpriseScore> registered = underNational.rows().stream()
                    .filter(r -> r.card().evaluation().registration().isPresent())
                    .map(r -> outputs.scores.get(r.creditCode())).toList();
            assertThat(registered).isNotEmpty().allSatisfy(s -> {
                assertThat(s.getModelId()).isEqualTo(national.id());
                assertThat(s.getModelVersion()).isEqualTo(national.version());
                assertThat(s.getExplanation().getKind()).isEqualTo(ChangeKind.MODEL);
                assertThat(s.getExplanation().getPreviousModelVersion()).isEqualTo(zone.version());
            });
            System.out.printf("shadow: %d cohorts with leavers; activate: %d enterprises rescored, %d stage changes%n",
                    leavers.values().stream().filter(set -> !set.isEmpty()).count(), registered.size(),
                    outputs.stageChangesChecked);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(outputs.changes).extracting(c -> c.getChangeId()).doesNotHaveDuplicates();
            assertThat(outputs.explanationErrors).isEmpty();
            assertThat(outputs.stageChangesChecked).isPositive();
        } finally {
            streams.close();
        }
    }

    private static Map<String, Long> revisions(Map<String, EnterpriseScore> scores) {
        return scores.values().stream().collect(Collectors.toMap(EnterpriseScore::getCreditCode,
                EnterpriseScore::getRevision));
    }

    private static Set<String> codes(List<BatchResult.Row> rows) {
        return rows.stream().map(BatchResult.Row::creditCode).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A built-in model's YAML with another version. */
    private static String yaml(String id, String version) {
        try (InputStream in = ScoringModel.class.getClassLoader().getResourceAsStream("models/" + id + ".yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceFirst("(?m)^version: .*$", "version: \"" + version + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

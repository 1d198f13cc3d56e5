package io.innopoints.stream.topology;

import static io.innopoints.stream.support.Events.annual;
import static io.innopoints.stream.support.Events.code;
import static io.innopoints.stream.support.Events.registration;
import static io.innopoints.stream.support.Harness.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.control.ModelAction;
import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.support.Harness;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Model rollout: an ACTIVATE command rescores everyone under the new model, labelled MODEL, without a reset. */
class ModelChangeTopologyTest {
    @AutoClose
    private final Harness h = new Harness(ScoringModel.builtin("national-2024"));

    @Test
    void shouldRescoreEveryEnterpriseWhenANewModelIsActivated() {
        // Given two scored enterprises under the configured model
        for (String c : List.of(code(1), code(2))) {
            h.send(registration(c, "ZONE-A").build(), T);
            h.send(annual(c, 2024, 500, 100).build(), T.plusSeconds(1));
        }
        h.tick();
        String oldVersion = h.model.version();
        assertThat(h.scores()).allSatisfy(s -> assertThat(s.getModelVersion()).isEqualTo(oldVersion));

        // When a new version is activated on the control topic
        h.command("official", new ModelCommand("cmd-1", ModelAction.ACTIVATE,
                Harness.builtinYaml("national-2024", "2099.1-test"), "test", T), T.plusSeconds(2));
        h.tick();

        // Then both are rescored under it, explained as MODEL with the previous version
        List<EnterpriseScore> rescored = h.scores();
        assertThat(rescored).extracting(EnterpriseScore::getCreditCode).containsExactlyInAnyOrder(code(1), code(2));
        assertThat(rescored).allSatisfy(s -> {
            assertThat(s.getModelVersion()).isEqualTo("2099.1-test");
            assertThat(s.getExplanation().getKind()).isEqualTo(ChangeKind.MODEL);
            assertThat(s.getExplanation().getPreviousModelVersion()).isEqualTo(oldVersion);
        });
        assertThat(h.member(rescored.get(0).getStage(), code(1)).publishedModelKey())
                .isEqualTo("national-2024:2099.1-test");

        // and later events are scored under the new model too
        h.send(annual(code(1), 2023, 400, 50).build(), T.plusSeconds(3));
        assertThat(h.scores()).allSatisfy(s -> assertThat(s.getModelVersion()).isEqualTo("2099.1-test"));
    }

    @Test
    void shouldPauseTheRescoreWhileTheRankStageIsBehindAndResumeWhenItCaughtUp() {
        // Given two scored enterprises
        for (String c : List.of(code(1), code(2))) {
            h.send(registration(c, "ZONE-A").build(), T);
            h.send(annual(c, 2024, 500, 100).build(), T.plusSeconds(1));
        }
        h.tick();
        h.scores();

        // When a new model is activated while the rank stage reports a backlog of stage messages
        h.rankingBehind.set(true);
        h.command("official", new ModelCommand("cmd-1", ModelAction.ACTIVATE,
                Harness.builtinYaml("national-2024", "2099.2-test"), "test", T), T.plusSeconds(2));
        h.tick();

        // Then nobody is rescored yet: the rank tasks sharing the thread get to work off their input first
        assertThat(h.scores()).isEmpty();

        // and once it caught up, everyone is
        h.rankingBehind.set(false);
        h.tick();
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode)
                .containsExactlyInAnyOrder(code(1), code(2))
                .hasSize(2);
    }

    @Test
    void shouldIgnoreACommandWhoseModelDoesNotLoad() {
        // Given a scored enterprise
        h.send(registration(code(1), "ZONE-A").build(), T);
        h.tick();
        h.scores();

        // When a broken model is activated
        h.command("official", new ModelCommand("cmd-bad", ModelAction.ACTIVATE, "id: broken\n", "test", T),
                T.plusSeconds(1));
        h.tick();

        // Then nothing is rescored and the configured model stays official
        assertThat(h.scores()).isEmpty();
        h.send(annual(code(1), 2024, 500, 100).build(), T.plusSeconds(2));
        assertThat(h.scores()).allSatisfy(s -> assertThat(s.getModelVersion()).isEqualTo(h.model.version()));
    }

    @Test
    void shouldPublishWhatAShadowCandidateWouldChangeWithoutTouchingOfficialOutputs() {
        // Given three ranked enterprises under the official model (top-2 ... with the built-in top-20 all are in)
        for (int i = 1; i <= 3; i++) {
            h.send(registration(code(i), "ZONE-A").build(), T);
            h.send(annual(code(i), 2024, 500, 40 * i).build(), T.plusSeconds(1));
        }
        h.tick();
        h.scores();
        h.changes();
        h.leaderboards();

        // When a candidate whose top-N is 1 runs in shadow
        String yaml = Harness.builtinYaml("national-2024", "2099.2-shadow").replaceFirst("(?m)^topN: \\d+", "topN: 1");
        h.command("shadow", new ModelCommand("cmd-s", ModelAction.SHADOW, yaml, "test", T), T.plusSeconds(2));
        h.tick();
        h.tick();

        // Then a diff names who would leave the top-N, and official outputs are untouched
        var diffs = h.shadowDiffs();
        assertThat(diffs).isNotEmpty();
        var zone = diffs.stream().filter(d -> d.getCohortId().startsWith("zone:")).reduce((a, b) -> b).orElseThrow();
        assertThat(zone.getCandidateModel()).isEqualTo("national-2024:2099.2-shadow");
        assertThat(zone.getEntries()).filteredOn(e -> e.getChange() == io.innopoints.schemas.score.ShadowChange.LEAVES_TOP_N)
                .extracting(e -> e.getCreditCode()).containsExactlyInAnyOrder(code(1), code(2));
        assertThat(h.scores()).isEmpty();
        assertThat(h.changes()).isEmpty();
        assertThat(h.leaderboards()).isEmpty();
        try (var all = h.<io.innopoints.stream.domain.Member>store(ScoringTopology.SHADOW_MEMBER_STORE).all()) {
            assertThat(all.hasNext()).isTrue();
        }
    }

    @Test
    void shouldDropTheCandidateOnStopShadow() {
        // Given a running shadow candidate
        h.send(registration(code(1), "ZONE-A").build(), T);
        h.send(annual(code(1), 2024, 500, 100).build(), T.plusSeconds(1));
        h.command("shadow", new ModelCommand("cmd-s", ModelAction.SHADOW,
                Harness.builtinYaml("national-2024", "2099.3-shadow"), "test", T), T.plusSeconds(2));
        h.tick();
        h.tick();
        try (var all = h.<io.innopoints.stream.domain.Member>store(ScoringTopology.SHADOW_MEMBER_STORE).all()) {
            assertThat(all.hasNext()).isTrue();
        }
        h.shadowDiffs();

        // When it is stopped
        h.command("shadow", new ModelCommand("cmd-stop", ModelAction.STOP_SHADOW, null, "test", T), T.plusSeconds(3));
        h.tick();
        h.send(annual(code(1), 2023, 400, 50).build(), T.plusSeconds(4));
        h.tick();

        // Then its members are gone and no more diffs are published
        try (var all = h.<io.innopoints.stream.domain.Member>store(ScoringTopology.SHADOW_MEMBER_STORE).all()) {
            assertThat(all.hasNext()).isFalse();
        }
        assertThat(h.shadowDiffs()).isEmpty();
    }

    @Test
    void shouldScoreTheCandidateAgainstItsWholeCohortWhenItHasCohortPercentileIndicators() {
        try (Harness z = new Harness(ScoringModel.builtin("zone-20n"))) {
            // Given three start-ups of one zone whose R&D intensities earn different cohort-percentile points
            for (int i = 1; i <= 3; i++) {
                z.send(registration(code(i), "ZONE-A").build(), T);
                z.send(annual(code(i), 2024, 300, 20 * i).build(), T.plusSeconds(1));
            }
            z.tick();
            z.scores();

            // When a candidate that is the official model under another version runs in shadow (the candidate
            // scores the members one by one, so the first ones see a partial distribution)
            z.command("shadow", new ModelCommand("cmd-same", ModelAction.SHADOW,
                    Harness.builtinYaml("zone-20n", "2099.4-same"), "test", T), T.plusSeconds(2));
            z.tick();
            z.tick();

            // Then every candidate total equals the official one, and the diff names no one
            for (int i = 1; i <= 3; i++) {
                long official = z.member("startup", code(i)).publishedTotalCents();
                var candidate = z.<io.innopoints.stream.domain.Member>store(ScoringTopology.SHADOW_MEMBER_STORE)
                        .get("startup|" + code(i));
                assertThat(candidate.publishedTotalCents()).as("candidate total of %s", code(i)).isEqualTo(official);
            }
            var diffs = z.shadowDiffs();
            assertThat(diffs).isNotEmpty();
            java.util.Map<String, io.innopoints.schemas.score.ModelShadowDiff> latest = new java.util.HashMap<>();
            diffs.forEach(d -> latest.put(d.getCohortId(), d));
            assertThat(latest.values()).allSatisfy(d -> assertThat(d.getEntries()).isEmpty());
            assertThat(z.scores()).isEmpty();
        }
    }
}

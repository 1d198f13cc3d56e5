package io.innopoints.stream.topology;

import static io.innopoints.stream.support.Events.annual;
import static io.innopoints.stream.support.Events.code;
import static io.innopoints.stream.support.Events.qualification;
import static io.innopoints.stream.support.Events.registration;
import static io.innopoints.stream.support.Events.retraction;
import static io.innopoints.stream.support.Harness.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.InternalCodec;
import io.innopoints.stream.domain.Member;
import io.innopoints.stream.support.Harness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** One TopologyTestDriver test per scoring behaviour of the topology, asserting outputs and store contents. */
class ScoringTopologyTest {
    @AutoClose
    private Harness h = new Harness(ScoringModel.builtin("national-2024"));

    private static EnterpriseScore last(List<EnterpriseScore> scores, String code) {
        return scores.stream().filter(s -> s.getCreditCode().equals(code)).reduce((a, b) -> b).orElseThrow();
    }

    private static Double value(EnterpriseScore s, String indicator) {
        return s.getIndicators().stream().filter(i -> i.getIndicatorId().equals(indicator)).findFirst()
                .orElseThrow().getValue();
    }

    private static double points(EnterpriseScore s, String indicator) {
        return s.getIndicators().stream().filter(i -> i.getIndicatorId().equals(indicator)).findFirst()
                .map(IndicatorScore::getPoints).orElseThrow();
    }

    @Test
    void shouldPublishTheScoreWithRanksAndAnExplanationOfTheCause() {
        // Given a registered enterprise
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        EnterpriseScore first = h.scores().get(0);

        // When its annual filing arrives
        TaxFilingEvent filing = annual(a, 2024, 500, 100).build();
        h.send(filing, T.plusSeconds(1));

        // Then one new score explains the change by the filing
        List<EnterpriseScore> scores = h.scores();
        assertThat(scores).hasSize(1);
        EnterpriseScore s = scores.get(0);
        assertThat(s.getRevision()).isGreaterThan(first.getRevision());
        assertThat(s.getExplanation().getKind()).isEqualTo(ChangeKind.DATA);
        assertThat(s.getExplanation().getCauseEventIds()).containsExactly(filing.getEventId());
        assertThat(s.getExplanation().getPreviousTotal()).isEqualTo(first.getTotal());
        assertThat(s.getExplanation().getIndicatorDeltas()).isNotEmpty();
        double sumOfDeltas = s.getExplanation().getIndicatorDeltas().stream().mapToDouble(d -> d.getDelta()).sum();
        assertThat(s.getTotal() - first.getTotal()).isCloseTo(sumOfDeltas, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(s, "rd-expense")).isEqualTo(100.0);
        assertThat(s.getRanks()).extracting(CohortRank::getCohortId)
                .containsExactly("zone:ZONE-A:" + s.getStage(), "nation:CN:" + s.getStage());
        assertThat(s.getRanks()).allSatisfy(r -> {
            assertThat(r.getRank()).isEqualTo(1);
            assertThat(r.getCohortSize()).isEqualTo(1);
        });
        // and the member store holds what was published, its causes published with it (kept nowhere else)
        Member m = h.member(s.getStage(), a);
        assertThat(m.publishedTotalCents()).isEqualTo(Math.round(s.getTotal() * 100));
        assertThat(m.message().profileSeq()).isEqualTo(2);
        assertThat(m.message().causeEventIds()).isEmpty();
        assertThat(m.pendingCauses()).isEmpty();
    }

    @Test
    void shouldPublishEveryCommitsTouchesWithoutKeepingTheTouchedEnterprisesAround() {
        // Given three enterprises scored, then one of them touched again in a later commit
        for (int i = 1; i <= 3; i++) {
            h.send(registration(code(i), "ZONE-A").build(), T);
        }
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode)
                .containsExactlyInAnyOrder(code(1), code(2), code(3));
        h.send(annual(code(2), 2024, 500, 100).build(), T.plusSeconds(1));

        // Then the later touch is published too
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode).containsExactly(code(2));
        // and the per-commit table holds nothing once committed (it used to keep every key it ever saw)
        assertThat(h.driver.getKeyValueStore(ScoringTopology.TOUCHED_ENTERPRISES).approximateNumEntries()).isZero();
    }

    @Test
    void shouldIgnoreADuplicateEventId() {
        // Given a scored filing
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        TaxFilingEvent filing = annual(a, 2024, 500, 100).build();
        h.send(filing, T.plusSeconds(1));
        h.scores();
        h.changes();

        // When the same event arrives again
        h.send(filing, T.plusSeconds(2));

        // Then nothing is published
        assertThat(h.scores()).isEmpty();
        assertThat(h.changes()).isEmpty();
        assertThat(h.deadLetters()).isEmpty();
    }

    @Test
    void shouldLetALaterFilingForTheSamePeriodSupersedeTheEarlierOne() {
        // Given a filing
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        h.send(annual(a, 2024, 500, 100).build(), T.plusSeconds(1));

        // When an amended filing for the same fiscal period is filed later
        TaxFilingEvent amendment = annual(a, 2024, 500, 150).setFilingDate(java.time.LocalDate.parse("2025-05-01")).build();
        h.send(amendment, T.plusSeconds(2));

        // Then the amended values count
        EnterpriseScore s = last(h.scores(), a);
        assertThat(value(s, "rd-expense")).isEqualTo(150.0);
        assertThat(s.getExplanation().getCauseEventIds()).containsExactly(amendment.getEventId());
    }

    @Test
    void shouldRemoveARetractedEventFromTheScore() {
        // Given a scored filing
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        EnterpriseScore before = h.scores().get(0);
        TaxFilingEvent filing = annual(a, 2024, 500, 100).build();
        h.send(filing, T.plusSeconds(1));

        // When the provider retracts it
        h.send(retraction(filing), T.plusSeconds(2));

        // Then the score is back to what it was without the filing
        EnterpriseScore s = last(h.scores(), a);
        assertThat(value(s, "rd-expense")).isNull();
        assertThat(s.getTotal()).isEqualTo(before.getTotal());
    }

    @Test
    void shouldReachTheSameScoreWhateverTheArrivalOrder() {
        // Given the same events in two orders
        String a = code(1);
        var reg = registration(a, "ZONE-A").build();
        var f2023 = annual(a, 2023, 300, 40).build();
        var f2024 = annual(a, 2024, 500, 100).build();
        var qual = qualification(a, "HT-1", "2024-01-01", null).build();

        h.send(reg, T);
        h.send(f2023, T.plusSeconds(1));
        h.send(f2024, T.plusSeconds(2));
        h.send(qual, T.plusSeconds(3));
        EnterpriseScore inOrder = last(h.scores(), a);

        try (Harness other = new Harness(h.model)) {
            other.send(qual, T);
            other.send(f2024, T.plusSeconds(1));
            other.send(reg, T.plusSeconds(2));
            other.send(f2023, T.plusSeconds(3));
            EnterpriseScore outOfOrder = last(other.scores(), a);

            // Then the final scores agree
            assertThat(outOfOrder.getTotal()).isEqualTo(inOrder.getTotal());
            assertThat(outOfOrder.getIndicators()).isEqualTo(inOrder.getIndicators());
            assertThat(outOfOrder.getStage()).isEqualTo(inOrder.getStage());
        }
    }

    @Test
    void shouldReEvaluateWhenStreamTimePassesAnEdgeWithoutNewEvents() {
        // Given a qualification that expires on 2025-07-01
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        h.send(qualification(a, "HT-1", "2024-01-01", "2025-07-01").build(), T.plusSeconds(1));
        EnterpriseScore withQualification = last(h.scores(), a);
        assertThat(points(withQualification, "qualifications")).isPositive();

        // When stream time passes the expiry (another enterprise's event)
        h.send(registration(code(2), "ZONE-B").build(), Instant.parse("2025-07-02T00:00:00Z"));

        // Then the enterprise is re-scored by TIME without an event of its own
        EnterpriseScore expired = last(h.scores(), a);
        assertThat(expired.getExplanation().getKind()).isEqualTo(ChangeKind.TIME);
        assertThat(expired.getExplanation().getCauseEventIds()).isEmpty();
        assertThat(points(expired, "qualifications")).isZero();
        assertThat(expired.getRevision()).isGreaterThan(withQualification.getRevision());
    }

    @Test
    void shouldMoveAnEnterpriseToItsNewStageCohorts() {
        // Given a start-up (revenue below 1000 = 10M CNY)
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        h.send(annual(a, 2024, 500, 100).build(), T.plusSeconds(1));
        EnterpriseScore startup = last(h.scores(), a);
        assertThat(startup.getStage()).isEqualTo("startup");
        h.changes();

        // When an amended filing puts its revenue into the growth band
        h.send(annual(a, 2024, 3000, 100).setFilingDate(java.time.LocalDate.parse("2025-05-01")).build(),
                T.plusSeconds(2));

        // Then it is scored in the growth stage, explained as STAGE, and left the start-up cohorts
        EnterpriseScore growth = last(h.scores(), a);
        assertThat(growth.getStage()).isEqualTo("growth");
        assertThat(growth.getExplanation().getKind()).isEqualTo(ChangeKind.STAGE);
        assertThat(growth.getExplanation().getPreviousStage()).isEqualTo("startup");
        List<RankingChange> changes = h.changes();
        assertThat(changes).filteredOn(c -> c.getKind() == RankingChangeKind.STAGE_CHANGED)
                .extracting(RankingChange::getCohortId)
                .containsExactlyInAnyOrder("zone:ZONE-A:startup", "nation:CN:startup", "zone:ZONE-A:growth",
                        "nation:CN:growth");
        assertThat(h.member("startup", a)).isNull();
        assertThat(h.member("growth", a)).isNotNull();
    }

    @Test
    void shouldNameTheDisplacedEnterpriseWhenOneEntersTheTopN() {
        h.close();
        h = new Harness(Harness.builtinWithTopN("national-2024", 2));
        // Given two enterprises in a top-2 and a third below them
        String b = code(2);
        String c = code(3);
        String a = code(1);
        for (String x : List.of(a, b, c)) {
            h.send(registration(x, "ZONE-A").build(), T);
        }
        h.send(annual(b, 2024, 500, 150).build(), T.plusSeconds(1));
        h.send(annual(c, 2024, 500, 100).build(), T.plusSeconds(2));
        h.send(annual(a, 2024, 500, 10).build(), T.plusSeconds(3));
        h.changes();

        // When the third overtakes the second
        h.send(annual(a, 2024, 500, 120).setFilingDate(java.time.LocalDate.parse("2025-05-01")).build(),
                T.plusSeconds(4));

        // Then it entered the top-N displacing the former second, who exited naming it; nobody else is reported
        List<RankingChange> zone = h.changes().stream()
                .filter(x -> x.getCohortId().equals("zone:ZONE-A:startup")).toList();
        assertThat(zone).anySatisfy(x -> {
            assertThat(x.getKind()).isEqualTo(RankingChangeKind.ENTERED_TOP_N);
            assertThat(x.getCreditCode()).isEqualTo(a);
            assertThat(x.getDisplaced()).isEqualTo(c);
        });
        assertThat(zone).anySatisfy(x -> {
            assertThat(x.getKind()).isEqualTo(RankingChangeKind.EXITED_TOP_N);
            assertThat(x.getCreditCode()).isEqualTo(c);
            assertThat(x.getDisplacedBy()).isEqualTo(a);
        });
        assertThat(zone).anySatisfy(x -> {
            assertThat(x.getKind()).isEqualTo(RankingChangeKind.MOVED);
            assertThat(x.getOldRank()).isEqualTo(3);
            assertThat(x.getNewRank()).isEqualTo(2);
        });
        assertThat(zone).extracting(RankingChange::getCreditCode).doesNotContain(b);
        assertThat(zone).extracting(RankingChange::getChangeId).doesNotHaveDuplicates();
    }

    @Test
    void shouldReportTierChangesOfTheMoverAndOfWhoItPushedAcrossATierLine() {
        // Given three enterprises: ranks 1 (tier A), 2 (tier C), 3 (tier D)
        String a = code(1);
        String b = code(2);
        String c = code(3);
        for (String x : List.of(a, b, c)) {
            h.send(registration(x, "ZONE-A").build(), T);
        }
        h.send(annual(a, 2024, 500, 150).build(), T.plusSeconds(1));
        h.send(annual(b, 2024, 500, 100).build(), T.plusSeconds(2));
        h.send(annual(c, 2024, 500, 10).build(), T.plusSeconds(3));
        h.changes();

        // When the second overtakes the first
        h.send(annual(b, 2024, 500, 190).setFilingDate(java.time.LocalDate.parse("2025-05-01")).build(),
                T.plusSeconds(4));

        // Then both report a tier change in the zone cohort
        List<RankingChange> tiers = h.changes().stream()
                .filter(x -> x.getCohortId().equals("zone:ZONE-A:startup"))
                .filter(x -> x.getKind() == RankingChangeKind.TIER_CHANGED).toList();
        assertThat(tiers).extracting(RankingChange::getCreditCode).containsExactlyInAnyOrder(a, b);
        RankingChange mover = tiers.stream().filter(x -> x.getCreditCode().equals(b)).findFirst().orElseThrow();
        assertThat(mover.getOldTier()).isEqualTo(h.model.tierOf(2, 3));
        assertThat(mover.getNewTier()).isEqualTo(h.model.tierOf(1, 3));
        RankingChange pushed = tiers.stream().filter(x -> x.getCreditCode().equals(a)).findFirst().orElseThrow();
        assertThat(pushed.getDisplacedBy()).isEqualTo(b);
        assertThat(pushed.getNewRank()).isEqualTo(2);
    }

    @Test
    void shouldCoalesceLeaderboardsToOnePerCohortPerCommit() {
        // Given many updates in one cohort before a commit
        for (int i = 1; i <= 5; i++) {
            h.send(registration(code(i), "ZONE-A").build(), T.plusSeconds(i));
            h.send(annual(code(i), 2024, 500, 20 * i).build(), T.plusSeconds(i));
        }
        assertThat(h.leaderboards()).isEmpty();

        // When the commit interval passes
        h.tick();

        // Then each cohort's list is published once, with the final order
        List<Leaderboard> boards = h.leaderboards();
        assertThat(boards).extracting(Leaderboard::getCohortId)
                .containsExactlyInAnyOrder("zone:ZONE-A:startup", "nation:CN:startup");
        Leaderboard zone = boards.stream().filter(b -> b.getCohortId().startsWith("zone")).findFirst().orElseThrow();
        assertThat(zone.getEntries()).extracting(e -> e.getCreditCode())
                .containsExactly(code(5), code(4), code(3), code(2), code(1));
        assertThat(zone.getCohortSize()).isEqualTo(5);
        assertThat(h.<io.innopoints.stream.domain.BoardState>store(ScoringTopology.COHORT_STORE)
                .get("zone:ZONE-A:startup").revision()).isEqualTo(zone.getRevision());

        // and nothing is republished while the lists stay the same
        h.tick();
        assertThat(h.leaderboards()).isEmpty();
    }

    @Test
    void shouldRippleCohortPercentilePointsToOtherMembersAndOnlyThoseWhoseChanged() {
        h.close();
        h = new Harness(ScoringModel.builtin("zone-20n"));
        // Given an enterprise alone in its zone: its R&D intensity is the top percentile
        String a = code(1);
        String b = code(2);
        String far = code(3);
        h.send(registration(a, "ZONE-A").build(), T);
        h.send(annual(a, 2024, 300, 30).build(), T.plusSeconds(1));
        h.send(registration(far, "ZONE-B").build(), T.plusSeconds(1));
        h.send(annual(far, 2024, 300, 30).build(), T.plusSeconds(1));
        h.tick();
        EnterpriseScore alone = last(h.scores(), a);
        double before = points(alone, "rd-intensity");

        // When a second enterprise with a higher intensity joins the zone
        h.send(registration(b, "ZONE-A").build(), T.plusSeconds(2));
        h.send(annual(b, 2024, 300, 60).build(), T.plusSeconds(3));
        h.tick();

        // Then the first one's percentile points drop, published as a COHORT change; the other zone is untouched
        List<EnterpriseScore> after = h.scores();
        EnterpriseScore rippled = last(after, a);
        assertThat(rippled.getExplanation().getKind()).isEqualTo(ChangeKind.COHORT);
        assertThat(points(rippled, "rd-intensity")).isLessThan(before);
        assertThat(after).extracting(EnterpriseScore::getCreditCode).doesNotContain(far);
        assertThat(h.member("startup", a).publishedTotalCents()).isEqualTo(Math.round(rippled.getTotal() * 100));
    }

    @Test
    void shouldHoldTheRippleWhileTheRankStageIsBehindAndRunItOnceItCaughtUp() {
        // Given a zone of three start-ups, ranked and published
        h.close();
        h = new Harness(ScoringModel.builtin("zone-20n"));
        for (int n = 1; n <= 3; n++) {
            h.send(registration(code(n), "ZONE-A").build(), T);
            h.send(annual(code(n), 2024, 300, 10 * n).build(), T.plusSeconds(1));
        }
        h.tick();
        h.tick();
        h.scores();

        // When a fourth with the highest R&D intensity joins while the rank stage reports a backlog (a sweep or a
        // rescore streaming in)
        h.rankingBehind.set(true);
        h.send(registration(code(4), "ZONE-A").build(), T.plusSeconds(2));
        h.send(annual(code(4), 2024, 300, 90).build(), T.plusSeconds(3));
        h.tick();
        h.tick();
        h.tick();

        // Then the newcomer is published, but nobody else is republished for the cohort's new percentiles
        List<EnterpriseScore> held = h.scores();
        assertThat(held).extracting(EnterpriseScore::getCreditCode).containsOnly(code(4));
        assertThat(held).noneMatch(s -> s.getExplanation().getKind() == ChangeKind.COHORT);

        // When the backlog is gone, then the ripple republishes those whose percentile points dropped
        h.rankingBehind.set(false);
        h.tick();
        h.tick();
        assertThat(h.scores()).filteredOn(s -> s.getExplanation().getKind() == ChangeKind.COHORT)
                .extracting(EnterpriseScore::getCreditCode).containsExactlyInAnyOrder(code(2), code(3));
    }

    @Test
    void shouldRippleAtTheConfiguredRateWhileInputArrivesAndAtFullSpeedOnceItStops() {
        // Given a zone of six start-ups, rippled at most one republication per second (and a second's worth at once)
        // while input arrives
        h.close();
        h = new Harness(ScoringModel.builtin("zone-20n"), 1);
        for (int n = 1; n <= 6; n++) {
            h.send(registration(code(n), "ZONE-A").build(), T);
            h.send(annual(code(n), 2024, 300, 10 * n).build(), T.plusSeconds(1));
        }
        h.tick();
        h.tick();
        h.scores();

        // When a seventh with the highest R&D intensity joins, and other zones' filings keep arriving every second
        h.send(registration(code(7), "ZONE-A").build(), T.plusSeconds(2));
        h.send(annual(code(7), 2024, 300, 90).build(), T.plusSeconds(3));
        List<EnterpriseScore> rippled = new ArrayList<>();
        for (int second = 0; second < 2; second++) {
            h.send(registration(code(10 + second), "ZONE-B").build(), T.plusSeconds(4 + second));
            h.tick();
            rippled.addAll(h.scores().stream().filter(s -> s.getExplanation().getKind() == ChangeKind.COHORT).toList());
        }

        // Then the ripple republished at most one member per second, plus one second's worth: three of the five due
        assertThat(rippled).hasSizeLessThanOrEqualTo(3);

        // When the input stops (for over a second), then the round finishes at once: the five above the lowest
        // (whose percentile stays 0) lost percentile points
        h.tick();
        h.tick();
        rippled.addAll(h.scores().stream().filter(s -> s.getExplanation().getKind() == ChangeKind.COHORT).toList());
        assertThat(rippled).extracting(EnterpriseScore::getCreditCode)
                .containsExactlyInAnyOrder(code(2), code(3), code(4), code(5), code(6));
    }

    @Test
    void shouldExplainAStageChangeAgainstTheLastPublishedPointsIncludingCohortPercentilePoints() {
        h.close();
        h = new Harness(ScoringModel.builtin("zone-20n"));
        // Given a start-up whose R&D intensity and revenue growth earn cohort-percentile points in its zone
        String a = code(1);
        String b = code(2);
        h.send(registration(a, "ZONE-A").build(), T);
        h.send(annual(a, 2023, 200, 10).build(), T.plusSeconds(1));
        h.send(annual(a, 2024, 300, 60).build(), T.plusSeconds(1));
        h.send(registration(b, "ZONE-A").build(), T.plusSeconds(1));
        h.send(annual(b, 2023, 300, 10).build(), T.plusSeconds(1));
        h.send(annual(b, 2024, 300, 20).build(), T.plusSeconds(2));
        h.tick();
        EnterpriseScore published = last(h.scores(), a);
        assertThat(published.getStage()).isEqualTo("startup");
        assertThat(points(published, "rd-intensity")).isPositive();
        assertThat(points(published, "revenue-growth")).isPositive();

        // When an amended filing puts its revenue into the opportunity-growth band
        h.send(annual(a, 2024, 3000, 60).setFilingDate(java.time.LocalDate.parse("2025-05-01")).build(),
                T.plusSeconds(3));

        // Then the STAGE record is explained against what was published before, percentile points included
        EnterpriseScore moved = last(h.scores(), a);
        assertThat(moved.getStage()).isEqualTo("opportunity-growth");
        assertThat(moved.getExplanation().getKind()).isEqualTo(ChangeKind.STAGE);
        assertThat(moved.getExplanation().getPreviousStage()).isEqualTo("startup");
        assertThat(moved.getExplanation().getPreviousTotal()).isEqualTo(published.getTotal());
        java.util.Map<String, Double> before = new java.util.HashMap<>();
        published.getIndicators().forEach(i -> before.put(i.getIndicatorId(), i.getPoints()));
        List<io.innopoints.schemas.score.IndicatorDelta> expected = new java.util.ArrayList<>();
        for (IndicatorScore now : moved.getIndicators()) {
            double was = before.get(now.getIndicatorId());
            if (Math.round(was * 100) != Math.round(now.getPoints() * 100)) {
                expected.add(new io.innopoints.schemas.score.IndicatorDelta(now.getIndicatorId(), was,
                        now.getPoints(), (Math.round(now.getPoints() * 100) - Math.round(was * 100)) / 100.0));
            }
        }
        assertThat(moved.getExplanation().getIndicatorDeltas()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(moved.getExplanation().getIndicatorDeltas())
                .filteredOn(d -> d.getIndicatorId().equals("rd-intensity"))
                .allSatisfy(d -> assertThat(d.getPreviousPoints()).isEqualTo(points(published, "rd-intensity")));
        // and the HANDOVER that carried them is not kept once used
        assertThat(h.<io.innopoints.stream.domain.StageMessage>store(ScoringTopology.HANDOVER_STORE).approximateNumEntries())
                .isZero();
    }

    @Test
    void shouldSendStageMessagesAndHandoversOverTheConfiguredByStageTopicOnly() {
        // Given the topology of the harness's options
        var description = ScoringTopology.build(h.topics, h.serdes, ScoringModel.builtin("zone-20n"),
                ScoringTopology.Options.defaults("any-app")).describe().toString();

        // Then the profile stage and the HANDOVERs write, and the rank stage reads, the named by-stage topic: no
        // topic whose name Kafka Streams derives from the application.id
        assertThat(description).contains("Sink: sink-by-stage (topic: any-app-by-stage)")
                .contains("Sink: sink-handover (topic: any-app-by-stage)")
                .contains("Source: source-by-stage (topics: [any-app-by-stage])")
                .doesNotContain("repartition");
    }

    @Test
    void shouldDeferEvaluationsWhileCatchingUpAndPublishOnceWithEveryCauseWhenTheBacklogIsGone() {
        // Given an instance catching up on a backlog
        h.backlog.set(true);
        String a = code(1);
        var reg = registration(a, "ZONE-A").build();
        TaxFilingEvent f1 = annual(a, 2023, 400, 80).build();
        TaxFilingEvent f2 = annual(a, 2024, 500, 100).build();

        // When an enterprise's events arrive in three commits
        h.send(reg, T);
        h.send(f1, T.plusSeconds(1));
        h.send(f2, T.plusSeconds(2));

        // Then its profile is stored but nothing is evaluated or published yet
        assertThat(h.scores()).isEmpty();
        assertThat(h.changes()).isEmpty();
        assertThat(owed(a)).isTrue();

        // When the backlog is gone
        h.backlog.set(false);
        h.tick();

        // Then one score publishes all three, and nothing stays deferred
        List<EnterpriseScore> scores = h.scores();
        assertThat(scores).hasSize(1);
        assertThat(scores.get(0).getExplanation().getCauseEventIds())
                .containsExactlyInAnyOrder(reg.getEventId(), f1.getEventId(), f2.getEventId());
        assertThat(value(scores.get(0), "rd-expense")).isEqualTo(100.0);
        assertThat(owed(a)).isFalse();
        assertThat(h.changes()).extracting(RankingChange::getKind).contains(RankingChangeKind.JOINED);
    }

    @Test
    void shouldScoreAnEnterpriseEvaluatedBeforeACatchUpWithTheFactsItFoldedDuringIt() {
        // Given an enterprise evaluated live (its facts now kept decoded by the profile stage)
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        h.send(annual(a, 2023, 400, 80).build(), T.plusSeconds(1));
        assertThat(h.scores()).hasSize(2);

        // When a catch-up folds another filing of it (written by the fold at once, not handed over at the commit)
        h.backlog.set(true);
        TaxFilingEvent f2 = annual(a, 2024, 500, 100).build();
        h.send(f2, T.plusSeconds(2));
        assertThat(h.scores()).isEmpty();

        // Then the sweep after it evaluates the enterprise with that filing: the decoded copy was written through
        h.backlog.set(false);
        h.tick();
        List<EnterpriseScore> scores = h.scores();
        assertThat(scores).hasSize(1);
        assertThat(value(scores.get(0), "rd-expense")).isEqualTo(100.0);
        assertThat(scores.get(0).getExplanation().getCauseEventIds()).containsExactly(f2.getEventId());
    }

    @Test
    void shouldPublishARetractionFoldedDuringACatchUpAsTheCauseOfItsEnterprisesNextScore() {
        // Given an enterprise with a filing, evaluated live
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        TaxFilingEvent filing = annual(a, 2024, 500, 100).build();
        h.send(filing, T.plusSeconds(1));
        assertThat(h.scores()).hasSize(2);

        // When a catch-up folds the filing's retraction and another enterprise's registration
        h.backlog.set(true);
        SpecificRecord retraction = retraction(filing);
        h.send(retraction, T.plusSeconds(2));
        h.send(registration(code(2), "ZONE-A").build(), T.plusSeconds(2));
        assertThat(h.scores()).isEmpty();

        // Then the sweep after it publishes the enterprise without the filing, caused by the retraction alone
        h.backlog.set(false);
        h.tick();
        EnterpriseScore s = last(h.scores(), a);
        assertThat(value(s, "rd-expense")).isNull();
        assertThat(s.getExplanation().getCauseEventIds()).containsExactly((String) retraction.get(0));
        assertThat(owed(a)).isFalse();
    }

    @Test
    void shouldPublishADeferredEnterpriseOncePerPublishIntervalWhileTheCatchUpLasts() {
        // Given a deferred enterprise in a catch-up that goes on
        h.backlog.set(true);
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        h.tick();
        assertThat(h.scores()).isEmpty();

        // When the catch-up publish interval has passed
        h.driver.advanceWallClockTime(Harness.CATCH_UP_PUBLISH);

        // Then it is published although the backlog is still there
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode).containsExactly(a);
    }

    @Test
    void shouldLeaveTheSweepToTheCatchUpsEndWhenThatIsExpectedWithinAPublishInterval() {
        // Given a deferred enterprise in a catch-up expected to end within the publish interval
        h.backlog.set(true);
        h.millisToCaughtUp.set(Harness.CATCH_UP_PUBLISH.toMillis());
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);

        // When the publish interval has passed
        h.driver.advanceWallClockTime(Harness.CATCH_UP_PUBLISH);

        // Then no sweep ran: the end's sweep comes about as soon as the next would
        assertThat(h.scores()).isEmpty();
        assertThat(owed(a)).isTrue();

        // When the catch-up slows down (its end now more than an interval away)
        h.millisToCaughtUp.set(Harness.CATCH_UP_PUBLISH.toMillis() + 1);
        h.tick();

        // Then the sweep runs after all
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode).containsExactly(a);
    }

    @Test
    void shouldReportWhichByStagePartitionsItsRankTasksServeAndTheOffsetsTheyTook() {
        // Given the topology's rank tasks started: its one by-stage partition (the test driver has one per topic) reported, nothing taken
        assertThat(h.stageTaken).hasSize(1).allSatisfy((partition, offset) -> assertThat(offset).isEqualTo(-1L));

        // When two enterprises are scored (two stage messages on the by-stage topic)
        h.send(registration(code(1), "ZONE-A").build(), T);
        h.send(registration(code(2), "ZONE-A").build(), T);
        h.tick();
        assertThat(h.scores()).hasSize(2);

        // Then the partition that carried them reports offsets up to the second (0 and 1 in a one-partition view)
        assertThat(h.stageTaken.values()).contains(1L);

        // When the driver closes, then every partition is released
        h.close();
        assertThat(h.stageTaken).isEmpty();
    }

    @Test
    void shouldDropEachHandedOverTouchFromThePerCommitTablesRecordCache() {
        // Given an enterprise whose registration was handed over to the profile stage at its commit
        h.send(registration(code(1), "ZONE-A").build(), T);
        byte[] key = h.keyBytes(io.innopoints.schemas.topic.EventType.REGISTRATIONS, code(1));

        // When the next commit passes (another enterprise's event)
        h.send(registration(code(2), "ZONE-A").build(), T);

        // Then the table's cache no longer holds the first touch: clean entries of many enterprises filled the
        // thread's cache and made the rank stage's touched-stages table evict (and rank) at every message
        assertThat(h.driver.<byte[], Object>getKeyValueStore(ScoringTopology.TOUCHED_ENTERPRISES).get(key)).isNull();
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode).containsExactly(code(1), code(2));
    }

    @Test
    void shouldHoldASweepWhileTheRankStageIsBehindAndFinishItOnceItCaughtUp() {
        // Given two enterprises deferred by a catch-up that has just ended, and a rank stage with a backlog
        h.backlog.set(true);
        h.send(registration(code(1), "ZONE-A").build(), T);
        h.send(registration(code(2), "ZONE-A").build(), T);
        h.backlog.set(false);
        h.rankingBehind.set(true);

        // When the sweep's punctuation comes
        h.tick();

        // Then it evaluates nothing: the rank tasks sharing the thread get to work their backlog off first
        assertThat(h.scores()).isEmpty();
        assertThat(owed(code(1))).isTrue();

        // When the rank stage has caught up
        h.rankingBehind.set(false);
        h.tick();

        // Then the sweep publishes both
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode)
                .containsExactlyInAnyOrder(code(1), code(2));
    }

    @Test
    void shouldStartTheNextCatchUpSweepOnlyAfterTheRankStageDrainedTheLastOne() {
        // Given a catch-up whose first sweep published an enterprise, and the rank stage still busy ranking it
        h.backlog.set(true);
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        h.driver.advanceWallClockTime(Harness.CATCH_UP_PUBLISH);
        assertThat(h.scores()).hasSize(1);
        h.rankingBehind.set(true);
        h.send(annual(a, 2024, 500, 100).build(), T.plusSeconds(1));

        // When a publish interval passes while the rank stage stays behind
        h.driver.advanceWallClockTime(Harness.CATCH_UP_PUBLISH.multipliedBy(2));

        // Then the deferred filing waits
        assertThat(h.scores()).isEmpty();

        // When the rank stage has drained, 121 s after the sweep started
        h.rankingBehind.set(false);
        h.tick();

        // Then the sweep counts as 121 s long, and the next waits four times that (more than the publish interval)
        h.driver.advanceWallClockTime(Duration.ofSeconds(4 * 121 - 1));
        assertThat(h.scores()).isEmpty();
        h.tick();
        assertThat(h.scores()).extracting(EnterpriseScore::getCreditCode).containsExactly(a);
    }

    @Test
    void shouldEvaluateAtOnceWhenNotCatchingUpWithTheDeferredCausesFirst() {
        // Given a filing deferred during a catch-up
        h.backlog.set(true);
        String a = code(1);
        var reg = registration(a, "ZONE-A").build();
        h.send(reg, T);

        // When the next event arrives after the catch-up, before any sweep
        h.backlog.set(false);
        TaxFilingEvent filing = annual(a, 2024, 500, 100).build();
        h.send(filing, T.plusSeconds(1));

        // Then its commit publishes both causes, the deferred one first, and owes it nothing more
        List<EnterpriseScore> scores = h.scores();
        assertThat(scores).hasSize(1);
        assertThat(scores.get(0).getExplanation().getCauseEventIds())
                .containsExactly(reg.getEventId(), filing.getEventId());
        assertThat(owed(a)).isFalse();
        h.tick();
        assertThat(h.scores()).isEmpty();
    }

    @Test
    void shouldStillOweWhatTheUnscoredStoresEarlierLayoutsHeld() {
        // Given a catch-up, two enterprises with a deferred registration, and causes in the unscored store's earlier
        // layouts as earlier versions wrote them: for one a list (credit code -> every cause), for the other one entry
        // per cause (credit code | eventId)
        h.backlog.set(true);
        String a = code(1);
        String b = code(2);
        var reg = registration(a, "ZONE-A").build();
        var regB = registration(b, "ZONE-A").build();
        h.send(reg, T);
        h.send(regB, T);
        h.tick();
        KeyValueStore<String, byte[]> unscored = h.store(ScoringTopology.UNSCORED_STORE);
        unscored.put(a, InternalCodec.encodeCauses(List.of("old-1", "old-2")));
        unscored.put(b + "|old-3", new byte[0]);

        // When the backlog is gone
        h.backlog.set(false);
        h.tick();

        // Then each publishes every cause it was owed, the earlier layout's first, and nothing stays owed
        assertThat(h.scores()).extracting(score -> score.getExplanation().getCauseEventIds())
                .containsExactlyInAnyOrder(List.of("old-1", "old-2", reg.getEventId()), List.of("old-3", regB.getEventId()));
        assertThat(owed(a)).isFalse();
        assertThat(owed(b)).isFalse();
        h.tick();
        assertThat(h.scores()).isEmpty();
    }

    @Test
    void shouldTellWhetherAnythingAtAllIsOwed() {
        // Given a task that has deferred nothing: nothing is owed
        OwedCauses owed = new OwedCauses(h.store(ScoringTopology.UNSCORED_STORE));
        assertThat(owed.any()).isFalse();

        // When a catch-up defers an enterprise's evaluation, then something is
        h.backlog.set(true);
        h.send(registration(code(1), "ZONE-A").build(), T);
        assertThat(owed.any()).isTrue();

        // When the sweep after it has evaluated it, then nothing is again
        h.backlog.set(false);
        h.tick();
        assertThat(h.scores()).hasSize(1);
        assertThat(owed.any()).isFalse();
    }

    /** Whether the unscored store owes an enterprise an evaluation. */
    private boolean owed(String creditCode) {
        return new OwedCauses(h.<byte[]>store(ScoringTopology.UNSCORED_STORE)).of(creditCode) != null;
    }
}

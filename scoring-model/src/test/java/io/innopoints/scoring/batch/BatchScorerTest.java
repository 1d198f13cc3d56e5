package io.innopoints.scoring.batch;

import static io.innopoints.scoring.support.Events.annual;
import static io.innopoints.scoring.support.Events.day;
import static io.innopoints.scoring.support.Events.registration;
import static io.innopoints.scoring.support.Events.wan;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.RankIndex;
import io.innopoints.scoring.rank.CohortDistributions;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScorerTest {
    private static final ScoringModel NATIONAL = ScoringModel.builtin("national-2024");
    private static final ScoringModel ZONE = ScoringModel.builtin("zone-20n");
    private static final Instant AS_OF = day("2024-06-30");

    private static EnterpriseProfile withRevenue(int n, double revenue, String zone) {
        String code = Events.code(n);
        return Events.profile(code, registration(code).setZone(zone).build(),
                annual(code, 2023).setRevenueFen(wan(revenue)).build());
    }

    @Test
    void shouldRankEachCohortWithCompetitionRanksPercentilesAndTiers() {
        // Given five start-ups in ZONE-A, two of them tied, one in ZONE-B, one suspended
        Map<String, EnterpriseProfile> profiles = new HashMap<>();
        double[] revenues = {100, 300, 300, 500, 900};
        for (int i = 0; i < revenues.length; i++) {
            EnterpriseProfile p = withRevenue(i + 1, revenues[i], "ZONE-A");
            profiles.put(p.getCreditCode(), p);
        }
        EnterpriseProfile other = withRevenue(10, 700, "ZONE-B");
        profiles.put(other.getCreditCode(), other);
        String suspendedCode = Events.code(11);
        profiles.put(suspendedCode, Events.profile(suspendedCode,
                registration(suspendedCode).setStatus(EnterpriseStatus.SUSPENDED).build()));

        // When
        BatchResult result = BatchScorer.score(NATIONAL, profiles, AS_OF);

        // Then
        List<BatchResult.Row> zoneA = result.cohorts().get("zone:ZONE-A:startup");
        assertThat(zoneA).extracting(BatchResult.Row::creditCode).containsExactly(
                Events.code(5), Events.code(4), Events.code(2), Events.code(3), Events.code(1));
        assertThat(zoneA).extracting(r -> r.rankIn("zone:ZONE-A:startup").getRank()).containsExactly(1, 2, 3, 3, 5);
        assertThat(zoneA).extracting(r -> r.rankIn("zone:ZONE-A:startup").getPercentile())
                .containsExactly(80.0, 60.0, 20.0, 20.0, 0.0);
        assertThat(zoneA).extracting(r -> r.rankIn("zone:ZONE-A:startup").getTier())
                .containsExactly("A", "B", "C", "C", "D");
        assertThat(result.cohorts().get("nation:CN:startup")).hasSize(6);
        assertThat(result.top("zone:ZONE-A:startup", 3)).hasSize(4);
        BatchResult.Row suspended = result.rows().stream().filter(r -> r.creditCode().equals(suspendedCode))
                .findFirst().orElseThrow();
        assertThat(suspended.ranks()).isEmpty();
        assertThat(result.rows().get(0).ranks()).extracting(CohortRank::getScope).containsExactly("zone", "nation");
    }

    @Test
    void shouldGiveEqualRevenueGrowthTheSamePercentilePointsWhateverTheScale() {
        // Given eleven start-ups in ZONE-A: five grew 0-20 %, three exactly 25 % at three scales (400 -> 500 CNY,
        // 36,000 -> 45,000 CNY, 1 -> 1.25 million CNY; issue 14 saw 1.13 ... 9.68 points for such a tie), three 30-50 %
        long[][] revenues = {{wan(100), wan(100)}, {wan(100), wan(105)}, {wan(100), wan(110)}, {wan(100), wan(115)},
                {wan(100), wan(120)}, {40_000, 50_000}, {3_600_000, 4_500_000}, {wan(100), wan(125)},
                {wan(100), wan(130)}, {wan(100), wan(140)}, {wan(100), wan(150)}};
        Map<String, EnterpriseProfile> profiles = new HashMap<>();
        for (int i = 0; i < revenues.length; i++) {
            String code = Events.code(i + 1);
            profiles.put(code, Events.profile(code, registration(code).build(),
                    annual(code, 2022).setRevenueFen(revenues[i][0]).build(),
                    annual(code, 2023).setRevenueFen(revenues[i][1]).build()));
        }
        int revenueGrowth = ZONE.indicators().stream().filter(i -> i.id().equals("revenue-growth")).findFirst()
                .orElseThrow().index();

        // When
        BatchResult result = BatchScorer.score(ZONE, profiles, AS_OF);

        // Then the tie shares the mid-rank: 100 × (5 below + (3 equal − 1) / 2) / (11 − 1) = 60, of 10 points
        assertThat(result.cohorts().get("zone:ZONE-A:startup")).hasSize(11);
        assertThat(result.rows()).extracting(r -> r.card().indicatorPoints(revenueGrowth))
                .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 6.0, 6.0, 8.0, 9.0, 10.0);
    }

    @Test
    void shouldAgreeWithIncrementalRankIndexAndValueDistributions() {
        // Given 300 random enterprises in three zones
        RandomLog log = new RandomLog(42);
        Map<String, EnterpriseProfile> profiles = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String code = Events.code(1000 + i);
            profiles.put(code, Events.profile(code,
                    log.withNoise(log.enterprise(code, 10, "ZONE-" + "ABC".charAt(i % 3))).toArray(SpecificRecord[]::new)));
        }

        // When the oracle scores them and, independently, the incremental structures are fed one by one
        BatchResult oracle = BatchScorer.score(ZONE, profiles, AS_OF);
        List<Evaluation> evaluations = new ArrayList<>();
        CohortDistributions distributions = new CohortDistributions();
        for (EnterpriseProfile p : profiles.values()) {
            Evaluation e = Evaluator.evaluate(ZONE, p, AS_OF);
            evaluations.add(e);
            distributions.update(e.creditCode(), List.of(), e.percentileInputs());
        }
        Map<String, RankIndex> indexes = new HashMap<>();
        Map<String, ScoreCard> cards = new HashMap<>();
        for (Evaluation e : evaluations) {
            ScoreCard card = e.score(distributions);
            cards.put(e.creditCode(), card);
            if (e.ranked()) {
                e.cohorts().forEach(c -> indexes.computeIfAbsent(c.id(), k -> new RankIndex()).put(e.creditCode(), card.totalCents()));
            }
        }

        // Then
        assertThat(oracle.cohorts().keySet()).containsExactlyInAnyOrderElementsOf(indexes.keySet());
        for (BatchResult.Row row : oracle.rows()) {
            assertThat(cards.get(row.creditCode()).totalCents()).isEqualTo(row.card().totalCents());
            for (CohortRank r : row.ranks()) {
                RankIndex index = indexes.get(r.getCohortId());
                assertThat(index.rank(row.creditCode())).hasValue(r.getRank());
                assertThat(index.size()).isEqualTo(r.getCohortSize());
                assertThat(index.percentile(row.creditCode())).hasValue(r.getPercentile());
                assertThat(ZONE.tierOf(index.rank(row.creditCode()).getAsInt(), index.size())).isEqualTo(r.getTier());
            }
        }
    }

    @Test
    void shouldSkipAndCountInvalidLinesWithTheirLineNumbers(@TempDir Path dir) throws IOException {
        // Given a registrations file with a good line, a malformed line, a blank line, a bad credit code, a
        // negative amount (a semantic rule) and an event recorded after the pipeline's "now"
        Instant now = Instant.parse("2021-01-01T00:00:00Z");
        String good = AvroJson.writeLine(registration(Events.code(1)).build());
        String badCode = AvroJson.writeLine(registration(Events.code(2)).setCreditCode("91310000000000000X").build());
        String negative = AvroJson.writeLine(registration(Events.code(3)).setRegisteredCapitalFen(-1L).build());
        String late = AvroJson.writeLine(registration(Events.code(4)).setEventTime(now.plus(Duration.ofDays(1))).build());
        Files.writeString(dir.resolve("registrations.jsonl"),
                good + "\n{\"eventId\": 1\n\n" + badCode + "\n" + negative + "\n" + late + "\n", StandardCharsets.UTF_8);

        // When
        EventLog.Loaded loaded = EventLog.read(dir, now);

        // Then
        assertThat(loaded.accepted()).isEqualTo(1);
        assertThat(loaded.profiles()).containsOnlyKeys(Events.code(1));
        assertThat(loaded.rejected()).extracting(EventLog.Rejected::line).containsExactly(2L, 4L, 5L, 6L);
        assertThat(loaded.rejected().get(0).reason()).startsWith("$: malformed JSON");
        assertThat(loaded.rejected().get(1).reason()).startsWith("creditCode: ");
        assertThat(loaded.rejected().get(1).file()).isEqualTo("registrations.jsonl");
        assertThat(loaded.rejected().get(2).reason()).startsWith("registeredCapitalFen: ");
        assertThat(loaded.rejected().get(3).reason()).startsWith("eventTime: ").contains("future");
    }
}

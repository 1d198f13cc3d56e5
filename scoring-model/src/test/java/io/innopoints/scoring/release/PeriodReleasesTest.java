package io.innopoints.scoring.release;

import static io.innopoints.scoring.support.Events.annual;
import static io.innopoints.scoring.support.Events.day;
import static io.innopoints.scoring.support.Events.registration;
import static io.innopoints.scoring.support.Events.time;
import static io.innopoints.scoring.support.Events.wan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.release.IndicatorStatistic;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.release.ReleaseChange;
import io.innopoints.schemas.release.ReleaseChangeKind;
import io.innopoints.schemas.release.ReleasedCohort;
import io.innopoints.schemas.release.ReleasedEntry;
import io.innopoints.schemas.release.StageShare;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PeriodReleasesTest {
    private static final ScoringModel NATIONAL = ScoringModel.builtin("national-2024");
    private static final ScoringModel ZONE = ScoringModel.builtin("zone-20n");
    private static final Instant END_2024 = day("2024-12-31");
    private static final String ZONE_A_STARTUP = "zone:ZONE-A:startup";

    /** Three ZONE-A start-ups with 2023 filings (R&D intensity 10 %, 5 %, 30 %) and a suspended one. */
    private static List<SpecificRecord> threeStartUps() {
        List<SpecificRecord> events = new ArrayList<>();
        long[][] revenueAndRd = {{wan(100), wan(10)}, {wan(200), wan(10)}, {wan(300), wan(90)}};
        for (int i = 0; i < revenueAndRd.length; i++) {
            String code = Events.code(i + 1);
            events.add(registration(code).build());
            events.add(annual(code, 2023).setRevenueFen(revenueAndRd[i][0]).setRdExpenseFen(revenueAndRd[i][1]).build());
        }
        String suspended = Events.code(9);
        events.add(registration(suspended).setStatus(EnterpriseStatus.SUSPENDED).build());
        events.add(annual(suspended, 2023).setRevenueFen(wan(100)).setRdExpenseFen(wan(90)).build());
        return events;
    }

    /** Five invention patents of enterprise 2 granted in December 2024 and recorded on 20 January 2025. */
    private static List<SpecificRecord> lateGrants() {
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Events.patent(Events.code(2), "CN2024" + i, PatentType.INVENTION, PatentAction.GRANTED,
                    "2024-12-20").setEventTime(time("2025-01-20T02:00:00Z")).build());
        }
        return events;
    }

    private static List<SpecificRecord> concat(List<SpecificRecord> a, List<SpecificRecord> b) {
        List<SpecificRecord> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void shouldGiveByteIdenticalReleasesAndDigestsForTheSameLogInAnyOrder() {
        // Given 300 random enterprises with duplicates and retractions, and the same log shuffled
        RandomLog log = new RandomLog(7);
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.addAll(log.withNoise(log.enterprise(Events.code(2000 + i), 10, "ZONE-" + "AB".charAt(i % 2))));
        }
        List<SpecificRecord> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(1));
        Period period = new Period("2024-annual", END_2024, day("2025-06-30"));

        // When
        PeriodRelease first = PeriodReleases.compute(ZONE, period, events, null);
        PeriodRelease second = PeriodReleases.compute(ZONE, period, shuffled, null);

        // Then
        assertThat(first.getRanked()).isGreaterThan(200);
        assertThat(PeriodReleases.encode(second)).isEqualTo(PeriodReleases.encode(first));
        assertThat(second.getDigest()).isEqualTo(first.getDigest()).matches("[0-9a-f]{64}");
        assertThat(PeriodReleases.verify(first)).isTrue();
        // and the digest seals the content: one total changed no longer verifies, another cut-off digests otherwise
        PeriodRelease tampered = PeriodRelease.newBuilder(first).build();
        ReleasedEntry top = tampered.getCohorts().get(0).getMembers().get(0);
        top.setTotalCents(top.getTotalCents() + 1);
        assertThat(PeriodReleases.verify(tampered)).isFalse();
        PeriodRelease earlier = PeriodReleases.compute(ZONE, new Period("2024-annual", END_2024, day("2024-12-31")),
                events, null);
        assertThat(earlier.getDigest()).isNotEqualTo(first.getDigest());
    }

    @Test
    void shouldSummariseStagesIndicatorsAndCohortsOfTheRankedEnterprises() {
        // When the 2024 period is closed over three ranked start-ups and a suspended one
        PeriodRelease release = PeriodReleases.compute(NATIONAL,
                new Period("2024-annual", END_2024, day("2025-06-30")), threeStartUps(), null);

        // Then
        assertThat(release.getVersion()).isEqualTo(1);
        assertThat(release.getPreviousVersion()).isNull();
        assertThat(release.getChanges()).isEmpty();
        assertThat(release.getModelId()).isEqualTo("national-2024");
        assertThat(release.getModelVersion()).isEqualTo(NATIONAL.version());
        assertThat(release.getEventsCounted()).isEqualTo(8);
        assertThat(release.getEnterprises()).isEqualTo(4);
        assertThat(release.getRanked()).isEqualTo(3);
        assertThat(release.getStages()).extracting(StageShare::getStage, StageShare::getCount, StageShare::getShare)
                .containsExactly(tuple("startup", 3, 100.0),
                        tuple("growth", 0, 0.0),
                        tuple("stable", 0, 0.0));
        // R&D intensity 10, 5, 30 %: mean 15, median 10 (the suspended one's 90 % is not in it)
        IndicatorStatistic startup = statistic(release, "startup", "rd-intensity");
        assertThat(startup.getCount()).isEqualTo(3);
        assertThat(startup.getMean()).isEqualTo(15.0);
        assertThat(startup.getMedian()).isEqualTo(10.0);
        assertThat(startup.getUnit()).isEqualTo("%");
        assertThat(statistic(release, null, "rd-intensity").getMean()).isEqualTo(15.0);
        IndicatorStatistic growth = statistic(release, "growth", "rd-intensity");
        assertThat(growth.getCount()).isZero();
        assertThat(growth.getMean()).isNull();
        assertThat(growth.getMedian()).isNull();
        ReleasedCohort zoneA = cohort(release, ZONE_A_STARTUP);
        assertThat(zoneA.getScope()).isEqualTo("zone");
        assertThat(zoneA.getStage()).isEqualTo("startup");
        assertThat(zoneA.getSize()).isEqualTo(3);
        assertThat(zoneA.getMembers()).extracting(ReleasedEntry::getRank).containsExactly(1, 2, 3);
        assertThat(zoneA.getMembers()).extracting(ReleasedEntry::getName).doesNotContain("");
        assertThat(release.getCohorts()).extracting(ReleasedCohort::getCohortId)
                .containsExactly("nation:CN:startup", ZONE_A_STARTUP);
    }

    @Test
    void shouldLeaveOutEventsRecordedAfterTheCutOffAndListWhatALaterCutOffChanges() {
        // Given a log whose patent grants of December 2024 were recorded on 20 January 2025
        List<SpecificRecord> log = concat(threeStartUps(), lateGrants());

        // When the period is closed with a cut-off on 10 January, then again with one on 1 February
        PeriodRelease v1 = PeriodReleases.compute(NATIONAL, new Period("2024-annual", END_2024, day("2025-01-10")),
                log, null);
        PeriodRelease v2 = PeriodReleases.compute(NATIONAL, new Period("2024-annual", END_2024, day("2025-02-01")),
                log, v1);

        // Then the first leaves the grants out, the second counts them and lists enterprise 2's rise past 1
        // (totals 16.60, 6.40, 4.90 before; enterprise 2 gains 10 points for its five patents)
        assertThat(v1.getEventsAfterCutOff()).isEqualTo(5);
        assertThat(v2.getEventsAfterCutOff()).isZero();
        assertThat(v2.getEventsCounted()).isEqualTo(v1.getEventsCounted() + 5);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getPreviousVersion()).isEqualTo(1);
        assertThat(PeriodReleases.sameResults(v1, v2)).isFalse();
        ReleaseChange rise = v2.getChanges().stream()
                .filter(c -> c.getCohortId().equals(ZONE_A_STARTUP) && c.getCreditCode().equals(Events.code(2)))
                .findFirst().orElseThrow();
        assertThat(rise.getKind()).isEqualTo(ReleaseChangeKind.MOVED);
        assertThat(rise.getPreviousRank()).isEqualTo(3);
        assertThat(rise.getRank()).isEqualTo(2);
        assertThat(rise.getTotalCents() - rise.getPreviousTotalCents()).isEqualTo(10_00);
        // enterprise 1 moved down one place; the same in the nation cohort; enterprise 3 is not listed
        assertThat(v2.getChanges()).extracting(ReleaseChange::getCohortId, ReleaseChange::getCreditCode,
                ReleaseChange::getKind).containsExactly(
                tuple("nation:CN:startup", Events.code(1), ReleaseChangeKind.MOVED),
                tuple("nation:CN:startup", Events.code(2), ReleaseChangeKind.MOVED),
                tuple(ZONE_A_STARTUP, Events.code(1), ReleaseChangeKind.MOVED),
                tuple(ZONE_A_STARTUP, Events.code(2), ReleaseChangeKind.MOVED));
    }

    @Test
    void shouldMakeNoNewResultsWhenClosedAgainOverTheSameLog() {
        List<SpecificRecord> log = threeStartUps();
        Period period = new Period("2024-annual", END_2024, day("2025-06-30"));
        PeriodRelease v1 = PeriodReleases.compute(NATIONAL, period, log, null);

        PeriodRelease again = PeriodReleases.compute(NATIONAL, period, log, v1);

        assertThat(PeriodReleases.sameResults(v1, again)).isTrue();
        assertThat(again.getChanges()).isEmpty();
        assertThat(again.getDigest()).isNotEqualTo(v1.getDigest()); // its version number differs
    }

    @Test
    void shouldMarkMembersWhoseScoreAPenaltyReduces() {
        // Given the three start-ups, enterprise 3 on the dishonesty blacklist since 2024-06-01 (zone-20n's penalty)
        List<SpecificRecord> log = new ArrayList<>(threeStartUps());
        log.add(Events.credential(Events.code(3), "blacklist-3", CredentialCategory.PENALTY, "DISHONESTY_BLACKLIST",
                CredentialLevel.NATIONAL, "2024-06-01").build());

        // When
        PeriodRelease release = PeriodReleases.compute(ZONE, new Period("2024-annual", END_2024, day("2025-06-30")),
                log, null);

        // Then only enterprise 3 is marked, in every cohort it is in
        for (ReleasedCohort c : release.getCohorts()) {
            assertThat(c.getMembers()).filteredOn(ReleasedEntry::getPenalised).extracting(ReleasedEntry::getCreditCode)
                    .containsExactly(Events.code(3));
        }
        assertThat(release.getCohorts()).isNotEmpty();
    }

    @Test
    void shouldRefuseACutOffBeforeTheAsOfAndABadPeriodId() {
        assertThatThrownBy(() -> new Period("2024-annual", END_2024, day("2024-12-01")))
                .hasMessageContaining("cutOff");
        assertThatThrownBy(() -> new Period("2024 Annual", END_2024, END_2024)).hasMessageContaining("periodId");
        PeriodRelease other = PeriodReleases.compute(NATIONAL, new Period("2023-annual", END_2024, END_2024),
                List.of(), null);
        assertThatThrownBy(() -> PeriodReleases.compute(NATIONAL, new Period("2024-annual", END_2024, END_2024),
                List.of(), other)).hasMessageContaining("2023-annual");
    }

    private static IndicatorStatistic statistic(PeriodRelease release, String stage, String indicator) {
        return release.getStatistics().stream()
                .filter(s -> java.util.Objects.equals(s.getStage(), stage) && s.getIndicatorId().equals(indicator))
                .findFirst().orElseThrow();
    }

    private static ReleasedCohort cohort(PeriodRelease release, String cohortId) {
        return release.getCohorts().stream().filter(c -> c.getCohortId().equals(cohortId)).findFirst().orElseThrow();
    }
}

package io.innopoints.sink.testing;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.FieldError;
import io.innopoints.schemas.dlq.RejectSource;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.DimensionScore;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.LeaderboardEntry;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.score.RankingChangeKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders of the sink's input records for tests: small, valid, with the fields a test varies as parameters. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private Fixtures() {
    }

    /** A valid credit code derived from a small number. */
    public static String code(int n) {
        return CreditCode.complete(String.format("91310000MA%07d", n));
    }

    public static Explanation explanation(ChangeKind kind, Double previousTotal, String... causes) {
        return Explanation.newBuilder()
                .setKind(kind)
                .setCauseEventIds(List.of(causes))
                .setPreviousTotal(previousTotal)
                .setPreviousStage(previousTotal == null ? null : "growth")
                .setPreviousModelVersion(null)
                .setIndicatorDeltas(List.of(IndicatorDelta.newBuilder().setIndicatorId("patents.invention")
                        .setPreviousPoints(1.0).setPoints(3.0).setDelta(2.0).build()))
                .build();
    }

    /** A score of enterprise {@code n} in zone ZONE-A, stage growth, ranked in the zone and nation cohorts. */
    public static EnterpriseScore score(int n, long revision, double total, int zoneRank, String tier) {
        return score(n, revision, total, "ZONE-A", "growth", "C39", zoneRank, tier);
    }

    public static EnterpriseScore score(int n, long revision, double total, String zone, String stage, String industry,
                                        int rank, String tier) {
        List<CohortRank> ranks = new ArrayList<>();
        ranks.add(CohortRank.newBuilder().setScope("zone").setCohortId(zoneCohort(zone, stage)).setRank(rank)
                .setCohortSize(10).setPercentile(100.0 * (10 - rank) / 10).setTier(tier).build());
        ranks.add(CohortRank.newBuilder().setScope("nation").setCohortId("nation:CN:" + stage).setRank(rank)
                .setCohortSize(10).setPercentile(100.0 * (10 - rank) / 10).setTier(tier).build());
        return EnterpriseScore.newBuilder()
                .setCreditCode(code(n))
                .setName("Enterprise " + n)
                .setZone(zone)
                .setIndustry(industry)
                .setModelId("zone-20n")
                .setModelVersion("1.0.0")
                .setAsOf(T0.plusSeconds(revision * 60))
                .setRevision(revision)
                .setStage(stage)
                .setRanked(true)
                .setTotal(total)
                .setDimensions(List.of(
                        DimensionScore.newBuilder().setDimensionId("ip").setPoints(total * 0.6).build(),
                        DimensionScore.newBuilder().setDimensionId("rd").setPoints(total * 0.4).build()))
                .setIndicators(List.of(
                        IndicatorScore.newBuilder().setIndicatorId("patents.invention").setDimensionId("ip")
                                .setValue(4.0).setUnit("items").setPoints(total * 0.6).build(),
                        IndicatorScore.newBuilder().setIndicatorId("rd.intensity").setDimensionId("rd")
                                .setValue(null).setUnit("%").setPoints(total * 0.4).build()))
                .setRanks(ranks)
                .setExplanation(explanation(ChangeKind.DATA, revision == 1 ? null : total - 1, "evt-" + n + "-" + revision))
                .build();
    }

    public static String zoneCohort(String zone, String stage) {
        return "zone:" + zone + ":" + stage;
    }

    public static RankingChange change(String changeId, int n, RankingChangeKind kind, Integer oldRank, Integer newRank,
                                       long asOfMinutes) {
        return RankingChange.newBuilder()
                .setChangeId(changeId)
                .setCreditCode(code(n))
                .setName("Enterprise " + n)
                .setCohortId(zoneCohort("ZONE-A", "growth"))
                .setScope("zone")
                .setStage("growth")
                .setKind(kind)
                .setOldRank(oldRank)
                .setNewRank(newRank)
                .setOldTotal(oldRank == null ? null : 10.0)
                .setNewTotal(newRank == null ? null : 20.0)
                .setOldTier("B")
                .setNewTier("A")
                .setTopN(20)
                .setDisplaced(null)
                .setDisplacedBy(null)
                .setModelVersion("1.0.0")
                .setAsOf(T0.plusSeconds(asOfMinutes * 60))
                .setExplanation(explanation(ChangeKind.DATA, 10.0, "evt-" + changeId))
                .build();
    }

    /** A leaderboard of the given cohort whose entries are enterprises {@code members} in that order, ranks 1.. . */
    public static Leaderboard leaderboard(String cohortId, long revision, int... members) {
        String[] parts = cohortId.split(":");
        List<LeaderboardEntry> entries = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            entries.add(LeaderboardEntry.newBuilder().setRank(i + 1).setCreditCode(code(members[i]))
                    .setName("Enterprise " + members[i]).setTotal(100.0 - i).setTier(i < 2 ? "A" : "B").build());
        }
        return Leaderboard.newBuilder()
                .setCohortId(cohortId)
                .setScope(parts[0])
                .setScopeValue(parts[1])
                .setStage(parts[2])
                .setModelId("zone-20n")
                .setModelVersion("1.0.0")
                .setAsOf(T0.plusSeconds(revision * 60))
                .setRevision(revision)
                .setCohortSize(members.length + 5)
                .setTopN(20)
                .setEntries(entries)
                .build();
    }

    /**
     * One of ingest's dead letters, rejected {@code minutes} after {@link #T0}: a REST input of {@code provider} and
     * {@code type} whose {@code payload} (the original JSON body) named {@code fields} as wrong.
     */
    /**
     * One of scoring-stream's dead letters, rejected {@code minutes} after {@link #T0}: the record at
     * {@code sourceTopic}/0/{@code sourceOffset} of {@code type} could not be processed.
     */
    public static DeadLetter streamDeadLetter(String sourceTopic, long sourceOffset, String type, int minutes) {
        byte[] original = "{\"revenueFen\":987654321987}".getBytes(StandardCharsets.UTF_8);
        return DeadLetter.newBuilder().setApp("innopoints-scoring").setSource(RejectSource.KAFKA).setEventType(type)
                .setEventId("evt-stream-" + minutes).setSourceTopic(sourceTopic).setSourcePartition(0)
                .setSourceOffset(sourceOffset).setOriginalValue(ByteBuffer.wrap(original))
                .setOriginalSize((long) original.length).setOriginalSha256("cd".repeat(32))
                .setErrorClass("DESERIALIZATION").setReason("Unknown magic byte!").setErrors(List.of())
                .setRejectedAt(T0.plusSeconds(60L * minutes)).build();
    }

    public static DeadLetter deadLetter(String provider, String type, int minutes, String payload, String... fields) {
        List<FieldError> errors = new ArrayList<>();
        for (String f : fields) {
            errors.add(new FieldError(f, "is wrong in " + f));
        }
        byte[] original = payload.getBytes(StandardCharsets.UTF_8);
        return DeadLetter.newBuilder().setApp("ingest").setSource(RejectSource.REST).setProvider(provider)
                .setEventType(type).setEventId("evt-" + provider + "-" + minutes)
                .setOriginalValue(ByteBuffer.wrap(original)).setOriginalSize((long) original.length)
                .setOriginalSha256("ab".repeat(32)).setErrorClass("VALIDATION")
                .setReason(String.join("; ", errors.stream().map(e -> e.getField() + ": " + e.getReason()).toList()))
                .setErrors(errors).setRejectedAt(T0.plusSeconds(60L * minutes)).build();
    }
}

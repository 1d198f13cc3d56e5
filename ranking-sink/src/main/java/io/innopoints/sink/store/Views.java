package io.innopoints.sink.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The read model's rows as the API returns them. Instants are ISO-8601 strings (UTC); JSON columns are returned as
 * JSON, not as strings.
 */
public final class Views {
    private Views() {
    }

    /** A cohort's stored top-N list without its entries. */
    public record LeaderboardSummary(String cohortId, String scope, String scopeValue, String stage, String modelId,
                                     String modelVersion, String asOf, long revision, int cohortSize, int topN,
                                     int entryCount) {
    }

    /** A cohort's stored top-N list. */
    public record LeaderboardView(String cohortId, String scope, String scopeValue, String stage, String modelId,
                                  String modelVersion, String asOf, long revision, int cohortSize, int topN,
                                  List<LeaderboardEntryView> entries) {
    }

    public record LeaderboardEntryView(int position, int rank, String creditCode, String name, double total, String tier) {
    }

    /**
     * An enterprise's place in one cohort: {@code publishedRank} as of its own latest score, {@code liveRank}
     * computed now from the current totals of all cohort members.
     */
    public record RankView(String cohortId, String scope, int publishedRank, int liveRank, int cohortSize,
                           double percentile, String tier) {
    }

    /** An enterprise's current score with breakdown, ranks, the explanation of its last score change and its last ranking change. */
    public record EnterpriseView(String creditCode, String name, String zone, String industry, String modelId,
                                 String modelVersion, String asOf, long revision, String stage, boolean ranked,
                                 double total, JsonNode dimensions, JsonNode indicators, List<RankView> ranks,
                                 JsonNode explanation, ChangeView lastChange) {
    }

    /** One revision of an enterprise's score. */
    public record HistoryEntry(long revision, String asOf, String modelVersion, String stage, boolean ranked,
                               double total, JsonNode dimensions, JsonNode ranks, JsonNode explanation) {
    }

    public record ChangeView(String changeId, String creditCode, String name, String cohortId, String scope,
                             String stage, String kind, Integer oldRank, Integer newRank, Double oldTotal,
                             Double newTotal, String oldTier, String newTier, int topN, String displaced,
                             String displacedBy, String modelVersion, String asOf, JsonNode explanation) {
    }

    /** One enterprise on a cohort's tier list (or a credit-candidate list). */
    public record TierEntry(String cohortId, String tier, String creditCode, String name, String zone, String industry,
                            String stage, double total, int liveRank, int publishedRank, int cohortSize, String asOf) {
    }

    /** How many enterprises a cohort has in one tier. */
    public record TierCount(String cohortId, String tier, int count) {
    }

    /** What a candidate scoring model would change in one cohort (latest comparison). */
    public record ShadowDiffView(String cohortId, String officialModel, String candidateModel, String asOf,
                                 int cohortSize, JsonNode entries) {
    }

    /**
     * One of ingest's dead letters: where it is in the topic, when and why ingest refused it (every field error), what
     * it claimed to be and who sent it; the original payload only by size and SHA-256, never its content.
     */
    public record IngestRejectionView(String topic, int partition, long offset, String rejectedAt, String provider,
                                      String eventType, String eventId, String source, String sourceFile,
                                      Long sourceLine, String app, String errorClass, String reason, JsonNode errors,
                                      Long originalSize, String originalSha256) {
    }

    /**
     * One of scoring-stream's dead letters: where it is in the DLQ topic, when and by which application it was
     * rejected, the position of the input record it could not process ({@code sourceTopic/Partition/Offset}), what
     * that record claimed to be, and why; the original bytes only by size and SHA-256.
     */
    public record StreamDeadLetterView(String topic, int partition, long offset, String rejectedAt, String app,
                                       String sourceTopic, Integer sourcePartition, Long sourceOffset, String provider,
                                       String eventType, String eventId, String errorClass, String reason,
                                       JsonNode errors, Long originalSize, String originalSha256) {
    }

    /** A record the sink could not decode. */
    public record RejectedView(String topic, int partition, long offset, String timestamp, String errorClass,
                               String reason) {
    }
}

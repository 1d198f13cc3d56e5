package io.innopoints.stream.domain;

import java.util.List;

/**
 * One enterprise as the rank stage knows it (member-store, key = stage ‖ credit code): the latest SCORE message
 * and what was last published for it. The in-memory rank and percentile indexes are rebuilt from these.
 *
 * @param publishedCents indicator points of the last published score in hundredths (null before the first)
 * @param rippleSeq      scores published by cohort ripples since the last profile message (low part of revision)
 * @param pendingCauses  cause eventIds folded since the last published score
 * @param awaitingSeq    -1 when the message is applied; otherwise the enterprise arrived from another stage and its
 *                       message waits (not ranked, in no distribution) for the HANDOVER with this sequence
 */
public record Member(StageMessage message, long[] publishedCents, long publishedTotalCents, String publishedStage,
                     String publishedModelKey, long rippleSeq, List<String> pendingCauses, long awaitingSeq) {

    public Member {
        pendingCauses = List.copyOf(pendingCauses);
    }

    public Member(StageMessage message, long[] publishedCents, long publishedTotalCents, String publishedStage,
                  String publishedModelKey, long rippleSeq, List<String> pendingCauses) {
        this(message, publishedCents, publishedTotalCents, publishedStage, publishedModelKey, rippleSeq,
                pendingCauses, -1);
    }

    /** A message that arrived from another stage and waits for the HANDOVER of the same profile sequence. */
    public static Member awaiting(StageMessage message, List<String> causes) {
        return new Member(message, null, 0, null, null, 0, causes, message.profileSeq());
    }

    public Member withAwaitingSeq(long seq) {
        return new Member(message, publishedCents, publishedTotalCents, publishedStage, publishedModelKey, rippleSeq,
                pendingCauses, seq);
    }

    public boolean awaiting() {
        return awaitingSeq >= 0;
    }

    public String creditCode() {
        return message.creditCode();
    }

    public boolean published() {
        return publishedCents != null;
    }

    /** Strictly increasing per enterprise across stages: profile sequence × 2^20 + ripple sequence. */
    public static long revision(long profileSeq, long rippleSeq) {
        return (profileSeq << 20) + Math.min(rippleSeq, (1L << 20) - 1);
    }
}

package io.innopoints.stream.domain;

import java.util.List;

/**
 * One enterprise as the rank stage knows it (member-store, key = stage ‖ credit code): the latest SCORE message
 * and what was last published for it. The in-memory rank and percentile indexes are rebuilt from these. The message
 * is kept without its causes: those not yet published are {@code pendingCauses}, the others are in the published
 * explanation (a catch-up's SCORE names every event it folded, ~27 eventIds per enterprise, which every member write
 * carried into the store and its changelog, and the member caches held: 2.06 M of the heap's 4.38 M strings after a
 * national catch-up).
 *
 * @param publishedCents indicator points of the last published score in hundredths (null before the first)
 * @param rippleSeq      scores published by cohort ripples since the last profile message (low part of revision)
 * @param pendingCauses  cause eventIds folded since the last published score
 * @param awaitingSeq    -1 when the message is applied; otherwise the enterprise arrived from another stage and its
 *                       message waits (not ranked, in no distribution) for the HANDOVER with this sequence
 */
public record Member(StageMessage.Score message, long[] publishedCents, long publishedTotalCents, String publishedStage,
                     String publishedModelKey, long rippleSeq, List<String> pendingCauses, long awaitingSeq) {

    public Member {
        message = message.withoutCauses();
        pendingCauses = List.copyOf(pendingCauses);
    }

    public Member(StageMessage.Score message, long[] publishedCents, long publishedTotalCents, String publishedStage,
                  String publishedModelKey, long rippleSeq, List<String> pendingCauses) {
        this(message, publishedCents, publishedTotalCents, publishedStage, publishedModelKey, rippleSeq,
                pendingCauses, -1);
    }

    /** A message that arrived from another stage and waits for the HANDOVER of the same profile sequence. */
    public static Member awaiting(StageMessage.Score message, List<String> causes) {
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

    /** Bits of the revision below the profile sequence: room for the ripples between two profile messages. */
    static final int RIPPLE_BITS = 32;

    /**
     * Strictly increasing per enterprise across stages: profile sequence × 2^32 + ripple sequence. 2^32 ripples
     * between two own events are 136 years of one ripple a second; 2^31 profile messages per enterprise likewise
     * out of reach. (With 2^20 a quiet enterprise in a busy percentile cohort stopped advancing after 12 days, and
     * the sink then dropped its later scores as stale.)
     *
     * @throws IllegalArgumentException when either part is out of its range
     */
    public static long revision(long profileSeq, long rippleSeq) {
        if (profileSeq < 0 || profileSeq >= 1L << (63 - RIPPLE_BITS) || rippleSeq < 0
                || rippleSeq >= 1L << RIPPLE_BITS) {
            throw new IllegalArgumentException("revision parts out of range: profile " + profileSeq + ", ripple "
                    + rippleSeq);
        }
        return (profileSeq << RIPPLE_BITS) + rippleSeq;
    }
}

package io.innopoints.ingest.domain;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The original input as a dead letter keeps it: the bytes themselves up to {@link #MAX_BYTES}, else their first
 * {@link #MAX_BYTES} bytes; always the complete size and SHA-256. A dead letter must stay well below the
 * producer's {@code max.request.size} (1 MiB by default) even for a body at the request-size limit, or the
 * rejection itself could never be acknowledged and a resend would fail forever.
 */
public record OriginalPayload(ByteBuffer bytes, long size, String sha256) {
    /** Largest original kept whole (256 KiB). */
    public static final int MAX_BYTES = 256 * 1024;

    /** The payload of {@code original}, or null when there is none. */
    public static OriginalPayload of(byte[] original) {
        if (original == null) {
            return null;
        }
        byte[] kept = original.length <= MAX_BYTES ? original : Arrays.copyOf(original, MAX_BYTES);
        return new OriginalPayload(ByteBuffer.wrap(kept), original.length, ContentDigest.hex(ContentDigest.sha256(original)));
    }

    public boolean truncated() {
        return bytes.remaining() < size;
    }
}

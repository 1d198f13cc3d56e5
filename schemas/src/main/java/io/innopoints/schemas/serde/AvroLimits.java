package io.innopoints.schemas.serde;

import org.apache.avro.SystemLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what Avro allocates from a length prefix in untrusted bytes. Avro sizes a string, bytes value or array from
 * the count written in front of it before reading a single element, and by default allows up to 2^31 of each: a
 * 10-byte record claiming a 2 GB string was an {@link OutOfMemoryError}, and a claim beyond that an
 * {@link UnsupportedOperationException}, instead of a refused record. {@link #install()} sets Avro's own limit
 * properties ({@value SystemLimitException#MAX_STRING_LENGTH_PROPERTY} and its siblings) to {@link #MAX_LENGTH}
 * bytes and {@link #MAX_ITEMS} items unless already set, so a larger claim fails as a {@link SystemLimitException}.
 *
 * <p>Avro reads the properties once, when it first checks a length, so this runs with {@link AvroTrust#install()}
 * (first thing in every {@code main}, and in {@link AvroDeserializer}'s constructors). Idempotent and thread-safe.
 */
public final class AvroLimits {
    /** Largest string or bytes value: 16 times the producer's default {@code max.request.size} of 1 MiB. */
    public static final int MAX_LENGTH = 16 * 1024 * 1024;
    /** Largest number of items in one array or map: far above any leaderboard, score or profile list. */
    public static final int MAX_ITEMS = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(AvroLimits.class);

    private AvroLimits() {
    }

    /**
     * Sets the limit properties that are not set yet.
     *
     * @return true when Avro (as loaded) refuses strings longer than {@link #MAX_LENGTH}, i.e. the limits are in force
     */
    public static synchronized boolean install() {
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_LENGTH);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_LENGTH);
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_ITEMS);
        boolean bounded = bounded();
        if (!bounded) {
            LOG.warn("Avro checked a length before AvroLimits.install() and allows strings, bytes and arrays up to 2^31; "
                    + "call AvroTrust.install() at the start of main or pass -D{}={}", SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
                    MAX_LENGTH);
        }
        return bounded;
    }

    /** Whether Avro, as loaded, refuses a string longer than {@link #MAX_LENGTH} (the string limit is the one most reached). */
    public static boolean bounded() {
        try {
            SystemLimitException.checkMaxStringLength(MAX_LENGTH + 1L);
            return false;
        } catch (SystemLimitException e) {
            return true;
        }
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }
}

package io.innopoints.scoring.release;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A period an operator closes: its id (e.g. {@code 2025-annual}), the as-of instant whose valid facts are scored
 * (the period end) and the data cut-off (events recorded — {@code eventTime} — at or before it count; tax filings of
 * a year arrive months after its end, so the cut-off is usually later than the as-of).
 */
public record Period(String id, Instant asOf, Instant cutOff) {
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public Period {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(cutOff, "cutOff");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("periodId: '" + id + "' must match " + ID.pattern());
        }
        if (cutOff.isBefore(asOf)) {
            throw new IllegalArgumentException("cutOff: " + cutOff + " is before asOf " + asOf
                    + " (events recorded after the cut-off would be missing from facts valid at the as-of)");
        }
    }
}

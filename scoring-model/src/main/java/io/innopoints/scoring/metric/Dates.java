package io.innopoints.scoring.metric;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Calendar rules shared by every metric: dates in events are calendar days in {@code Asia/Shanghai}; a fact dated
 * {@code d} takes effect at the start of {@code d} there, so an as-of instant sees the facts dated on or before its
 * Shanghai calendar day. A window of N years around a fact dated {@code d} is {@code [d, d + N years)}.
 */
public final class Dates {
    /** The time zone of every date in the events. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Dates() {
    }

    /** The Shanghai calendar day of an instant. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** The instant a day starts in Shanghai (when facts dated that day take effect). */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /** True when a fact dated {@code d} counts on {@code day} within a window of {@code years} (0 = no window). */
    public static boolean inWindow(LocalDate d, LocalDate day, int years) {
        return !d.isAfter(day) && (years <= 0 || day.isBefore(d.plusYears(years)));
    }

    /** The earlier of {@code best} and {@code candidate} when the candidate is after {@code day}; nulls are absent. */
    public static LocalDate earliestAfter(LocalDate best, LocalDate candidate, LocalDate day) {
        if (candidate == null || !candidate.isAfter(day)) {
            return best;
        }
        return best == null || candidate.isBefore(best) ? candidate : best;
    }

    /** Earliest change date of a fact dated {@code d} under a window of {@code years}: it enters at d, leaves at d + N. */
    public static LocalDate windowEdgeAfter(LocalDate best, LocalDate d, LocalDate day, int years) {
        best = earliestAfter(best, d, day);
        return years <= 0 ? best : earliestAfter(best, d.plusYears(years), day);
    }
}

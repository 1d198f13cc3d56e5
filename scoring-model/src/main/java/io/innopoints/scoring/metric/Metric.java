package io.innopoints.scoring.metric;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.profile.FactView;
import io.innopoints.scoring.profile.ProfileFacts;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A number computed from an enterprise's facts on an as-of day, in a fixed {@link Unit}. Missing data is
 * {@link Double#NaN}, never zero (e.g. growth without a prior-year filing). Instances are immutable, built once
 * when a model is loaded, and safe to share between threads.
 */
public interface Metric {

    /** Catalogue id plus parameters, e.g. {@code patents-granted{years=3,types=[INVENTION, PCT]}}. */
    String describe();

    Unit unit();

    /** The value on {@code view.day()}, NaN when the data is missing. */
    double value(FactView view);

    /** Convenience: the value for a profile at an as-of instant (its Shanghai day); evaluations share one view. */
    default double valueAt(EnterpriseProfile profile, Instant asOf) {
        return value(ProfileFacts.of(profile).at(Dates.dayOf(asOf)));
    }

    /**
     * The first day after {@code view.day()} on which {@link #value} may differ without new events (a window edge,
     * a filing or credential date), or null when it cannot change by itself. May be early (a day on which nothing
     * changes), never late.
     */
    LocalDate nextChange(FactView view);
}

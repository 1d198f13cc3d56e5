package io.innopoints.stream.domain;

/** What one step of a cohort-percentile ripple round did: members republished and members checked. */
public record RippleStep(int published, int checked) {
    static final RippleStep NONE = new RippleStep(0, 0);
}

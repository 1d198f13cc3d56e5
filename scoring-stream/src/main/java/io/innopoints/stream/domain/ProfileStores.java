package io.innopoints.stream.domain;

import io.innopoints.schemas.internal.EnterpriseProfile;
import java.util.List;

/** The profile stage's state (profile-fact-store, enterprise-state-store, due-store), keyed by credit code. */
public interface ProfileStores {
    /** The enterprise's profile as stored (a commit writes the facts its events changed), null when none. */
    EnterpriseProfile profile(String creditCode);

    EnterpriseState state(String creditCode);

    /**
     * Stores the state after an evaluation; the store records which facts that evaluation saw
     * ({@link EnterpriseState#scoredThrough()}: every fact stored by then), so a state passed in need not carry it.
     */
    void putState(String creditCode, EnterpriseState state);

    void addDue(long atMs, String creditCode);

    void removeDue(long atMs, String creditCode);

    /** Credit codes due at or before {@code untilMs}, earliest first, at most {@code limit}. */
    List<Due> due(long untilMs, int limit);

    /** One entry of the due index. */
    record Due(long atMs, String creditCode) {
    }
}

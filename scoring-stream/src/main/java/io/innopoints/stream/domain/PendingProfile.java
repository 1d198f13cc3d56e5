package io.innopoints.stream.domain;

import io.innopoints.schemas.internal.EnterpriseProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise's profile as folded since the last commit, with the eventIds that changed it (in arrival order):
 * evaluated, stored and published once at the commit.
 *
 * @param stored  the profile as stored before this commit (null when none was): what the commit writes is the
 *                difference to it
 * @param profile the profile after every event of this commit
 */
public record PendingProfile(EnterpriseProfile stored, EnterpriseProfile profile, List<String> causes) {

    public PendingProfile {
        causes = List.copyOf(causes);
    }

    /** The first change of this commit. */
    public static PendingProfile of(EnterpriseProfile stored, EnterpriseProfile profile, String eventId) {
        return new PendingProfile(stored, profile, List.of(eventId));
    }

    /** A later change in the same commit: the newer profile, one more cause. */
    public PendingProfile then(EnterpriseProfile newer, String eventId) {
        if (causes.contains(eventId)) {
            return new PendingProfile(stored, newer, causes);
        }
        List<String> all = new ArrayList<>(causes.size() + 1);
        all.addAll(causes);
        all.add(eventId);
        return new PendingProfile(stored, newer, all);
    }
}

package io.innopoints.sink.lag;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The latest evaluated lag of every consumer group, when it was sampled, and why the last sampling failed (if it did). */
public record LagReport(List<GroupLag> groups, Instant sampledAt, String error) {
    public LagReport {
        groups = List.copyOf(groups);
    }

    public static LagReport empty() {
        return new LagReport(List.of(), null, null);
    }

    public Optional<GroupLag> group(String groupId) {
        return groups.stream().filter(g -> g.groupId().equals(groupId)).findFirst();
    }
}

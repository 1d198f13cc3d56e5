package io.innopoints.sink.lag;

import java.util.List;
import java.util.Map;

/**
 * The evaluated lag of one group: its latest sample, the status of the group and of each partition
 * (keyed {@code topic-partition}) over the sliding window, and how many samples the window held.
 */
public record GroupLag(GroupSample latest, LagStatus status, Map<String, LagStatus> partitionStatus,
                       int windowSamples, List<String> reasons) {
    public GroupLag {
        partitionStatus = Map.copyOf(partitionStatus);
        reasons = List.copyOf(reasons);
    }

    public String groupId() {
        return latest.groupId();
    }
}

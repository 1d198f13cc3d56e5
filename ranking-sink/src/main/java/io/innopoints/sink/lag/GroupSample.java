package io.innopoints.sink.lag;

import java.time.Instant;
import java.util.List;

/**
 * One lag sample of one consumer group at one instant: its state and number of active members (from the group
 * coordinator), and a {@link PartitionLag} per partition it has committed offsets for. {@code error} is set when the
 * group's offsets could not be read at all.
 */
public record GroupSample(String groupId, Instant at, String state, int members, List<PartitionLag> partitions,
                          String error) {
    public GroupSample {
        partitions = List.copyOf(partitions);
    }

    public static GroupSample failed(String groupId, Instant at, String error) {
        return new GroupSample(groupId, at, "UNKNOWN", 0, List.of(), error);
    }

    public long totalLagRecords() {
        return partitions.stream().mapToLong(p -> p.lagRecords() == null ? 0 : p.lagRecords()).sum();
    }
}

package io.innopoints.sink.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a group's status from a sliding window of its samples (oldest first), Burrow-style. Per partition,
 * looking at the samples of the window that contain it, with L the latest:
 * <ol>
 *   <li>ERROR if L has an error (end offset unreadable); the group is ERROR too when its latest sample has an error.</li>
 *   <li>OK if L's lag is 0.</li>
 *   <li>OK if the window has fewer than 2 samples of the partition (no trend can be judged yet).</li>
 *   <li>If the committed offset is the same in every sample and the lag was above 0 in every sample:
 *       STALL when the group has active members in L, STOP when it has none.</li>
 *   <li>WARN if the lag never decreased from one sample to the next and the last lag is greater than the first.</li>
 *   <li>OK otherwise.</li>
 * </ol>
 * The group's status is the most severe of its partitions'. Kafka does not expose when a group last committed, so
 * "committing but not progressing" (STALL) versus "not committing" (STOP) is told apart by whether the group has
 * active members. Pure function: no clock, no I/O.
 */
public final class LagEvaluator {

    private LagEvaluator() {
    }

    public static GroupLag evaluate(List<GroupSample> window) {
        if (window.isEmpty()) {
            throw new IllegalArgumentException("window must hold at least one sample");
        }
        GroupSample latest = window.get(window.size() - 1);
        List<String> reasons = new ArrayList<>();
        Map<String, LagStatus> perPartition = new TreeMap<>();
        LagStatus group = LagStatus.OK;
        if (latest.error() != null) {
            group = LagStatus.ERROR;
            reasons.add("group offsets unavailable: " + latest.error());
        }
        for (PartitionLag last : latest.partitions()) {
            List<PartitionLag> history = new ArrayList<>();
            for (GroupSample s : window) {
                for (PartitionLag p : s.partitions()) {
                    if (p.topic().equals(last.topic()) && p.partition() == last.partition()) {
                        history.add(p);
                    }
                }
            }
            LagStatus status = partitionStatus(history, latest.members() > 0, reasons);
            perPartition.put(last.key(), status);
            if (status.compareTo(group) > 0) {
                group = status;
            }
        }
        return new GroupLag(latest, group, perPartition, window.size(), reasons);
    }

    private static LagStatus partitionStatus(List<PartitionLag> history, boolean hasMembers, List<String> reasons) {
        PartitionLag last = history.get(history.size() - 1);
        if (last.error() != null) {
            reasons.add(last.key() + ": " + last.error());
            return LagStatus.ERROR;
        }
        if (last.lagRecords() == 0) {
            return LagStatus.OK;
        }
        // samples whose end offset was unreadable carry no trend information
        List<PartitionLag> usable = history.stream().filter(p -> p.error() == null).toList();
        if (usable.size() < 2) {
            return LagStatus.OK;
        }
        PartitionLag first = usable.get(0);
        boolean offsetMoved = usable.stream().anyMatch(p -> p.committedOffset() != first.committedOffset());
        boolean alwaysLagging = usable.stream().allMatch(p -> p.lagRecords() > 0);
        if (!offsetMoved && alwaysLagging) {
            if (hasMembers) {
                reasons.add(last.key() + ": committed offset " + last.committedOffset() + " unchanged over "
                        + usable.size() + " samples with lag " + last.lagRecords() + " while members are present");
                return LagStatus.STALL;
            }
            reasons.add(last.key() + ": no active member and committed offset " + last.committedOffset()
                    + " unchanged over " + usable.size() + " samples with lag " + last.lagRecords());
            return LagStatus.STOP;
        }
        boolean neverDecreased = true;
        for (int i = 1; i < usable.size(); i++) {
            if (usable.get(i).lagRecords() < usable.get(i - 1).lagRecords()) {
                neverDecreased = false;
            }
        }
        if (neverDecreased && last.lagRecords() > first.lagRecords()) {
            reasons.add(last.key() + ": lag grew from " + first.lagRecords() + " to " + last.lagRecords()
                    + " over " + usable.size() + " samples");
            return LagStatus.WARN;
        }
        return LagStatus.OK;
    }
}

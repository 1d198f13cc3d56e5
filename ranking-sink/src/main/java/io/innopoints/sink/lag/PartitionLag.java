package io.innopoints.sink.lag;

/**
 * One sample of one partition of one group: the group's committed offset, the partition's last stable offset
 * ({@code endOffset}: read_committed end, so transaction markers and open transactions are not lag), the lag in
 * records (records a read_committed consumer would still read up to the LSO; at most {@code endOffset - committed})
 * and in seconds (age of the record at the committed position;
 * 0 when caught up; null when that record could not be read). {@code error} is set when the end offset could not
 * be read; the numbers are then null.
 */
public record PartitionLag(String topic, int partition, long committedOffset, Long endOffset, Long lagRecords,
                           Double lagSeconds, String error) {

    public static PartitionLag of(String topic, int partition, long committed, long endOffset, Double lagSeconds) {
        long lag = Math.max(0, endOffset - committed);
        return new PartitionLag(topic, partition, committed, endOffset, lag, lag == 0 ? Double.valueOf(0.0) : lagSeconds, null);
    }

    /** A lag measured by reading (markers and aborted records excluded), not by offset difference. */
    public static PartitionLag measured(String topic, int partition, long committed, long endOffset, long lagRecords,
                                        Double lagSeconds) {
        return new PartitionLag(topic, partition, committed, endOffset, lagRecords,
                lagRecords == 0 ? Double.valueOf(0.0) : lagSeconds, null);
    }

    public static PartitionLag failed(String topic, int partition, long committed, String error) {
        return new PartitionLag(topic, partition, committed, null, null, null, error);
    }

    public String key() {
        return topic + "-" + partition;
    }
}

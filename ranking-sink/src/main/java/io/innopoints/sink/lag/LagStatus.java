package io.innopoints.sink.lag;

/**
 * Health of a consumer group (or one of its partitions), Burrow-style, from least to most severe; a group's status
 * is the most severe of its partitions'. The rules are in {@link LagEvaluator} and the module README.
 */
public enum LagStatus {
    /** Caught up, or consuming at least as fast as records arrive. */
    OK,
    /** Consuming, but the lag grew across the whole window. */
    WARN,
    /** Members are present, but the committed offset did not move across the window while lag stayed above zero. */
    STALL,
    /** No member is consuming and the committed offset did not move across the window while lag stayed above zero. */
    STOP,
    /** Offsets could not be read (group offsets unavailable, partition without leader, …). */
    ERROR;

    /** Numeric value for the gauge: 0 OK … 4 ERROR. */
    public int code() {
        return ordinal();
    }
}

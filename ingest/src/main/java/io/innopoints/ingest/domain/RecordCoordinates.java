package io.innopoints.ingest.domain;

/** Where the broker stored an acknowledged record. */
public record RecordCoordinates(String topic, int partition, long offset) {
}

package io.innopoints.sink.consume;

import io.innopoints.sink.store.AppliedBatch;

/** Told about every batch after its database transaction committed (e.g. to push live updates). */
@FunctionalInterface
public interface BatchListener {
    void afterCommit(AppliedBatch batch);
}

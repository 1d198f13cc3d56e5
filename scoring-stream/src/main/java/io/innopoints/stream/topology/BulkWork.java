package io.innopoints.stream.topology;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Which of an instance's profile tasks are running a sweep or a model rescore, shared by the instance's tasks (their
 * stream threads ask concurrently, like {@link RippleBudget}): while any is, the rank tasks hold the
 * cohort-percentile ripple. Every chunk of such a pass moves the cohorts' distributions again, so members
 * republished in between are republished again after it: the ripple was a fifth of the stream threads during the
 * last sweep of a 20,000-enterprise catch-up.
 */
final class BulkWork {
    private final Set<TaskId> running = ConcurrentHashMap.newKeySet();

    /** Profile task {@code task} is (or is no longer) running a sweep or a rescore. */
    void running(TaskId task, boolean on) {
        if (on) {
            running.add(task);
        } else {
            running.remove(task);
        }
    }

    /** Whether any profile task of the instance is running a sweep or a rescore. */
    boolean any() {
        return !running.isEmpty();
    }
}

package io.innopoints.localstack.kafka;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Polls a condition until it holds: the platform's few start-up waits (brokers live, topics usable), without a test
 * library in the production jars. A condition that throws counts as not yet.
 */
final class Waits {
    private Waits() {
    }

    static void until(String what, Duration atMost, Duration interval, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                IllegalStateException timeout = new IllegalStateException(what + ": not within " + atMost);
                if (last != null) {
                    timeout.addSuppressed(last);
                }
                throw timeout;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted", e);
            }
        }
    }
}

package io.innopoints.sink.http;

import io.innopoints.sink.access.FeedFilter;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent-Events client with its own bounded buffer and its own sender thread: the consumer loop only
 * {@link #offer offers} events (never blocks on a socket); the sender writes them in order. A client that does not
 * read fills its buffer and is then dropped (the offer answers false) — the others and the loop keep their pace.
 */
final class SseSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(SseSubscriber.class);

    record Event(String name, Object data) {
    }

    private final SseClient client;
    private final Set<String> cohorts;
    private final FeedFilter filter;
    private final BlockingQueue<Event> buffer;
    private final Thread sender;
    private volatile boolean closed;

    SseSubscriber(SseClient client, Set<String> cohorts, FeedFilter filter, int bufferEvents, String name) {
        this.client = client;
        this.cohorts = Set.copyOf(cohorts);
        this.filter = filter;
        this.buffer = new ArrayBlockingQueue<>(bufferEvents);
        this.sender = new Thread(this::drain, name);
        this.sender.setDaemon(true);
    }

    void start() {
        sender.start();
    }

    boolean wants(String cohortId) {
        return cohorts.isEmpty() || cohorts.contains(cohortId);
    }

    /** What this subscriber's principal may see of an event's data ({@code zone}: its enterprise's); null = nothing. */
    Object view(Object data, String zone) {
        return filter.view(data, zone);
    }

    /** Buffers an event without blocking; false when the buffer is full (the client is too slow) or it is closed. */
    boolean offer(Event event) {
        return !closed && !client.terminated() && buffer.offer(event);
    }

    boolean terminated() {
        return closed || client.terminated();
    }

    /**
     * Stops sending and ends the response. The sender may be blocked in a write to a client that never reads:
     * interrupting it and closing the client releases it (or Jetty's idle timeout does).
     */
    void close() {
        closed = true;
        buffer.clear();
        sender.interrupt();
    }

    private void drain() {
        try {
            while (!closed && !client.terminated()) {
                Event e = buffer.poll(1, TimeUnit.SECONDS);
                if (e != null && !closed) {
                    client.sendEvent(e.name(), e.data());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("SSE subscriber failed: {}", e.toString());
        } finally {
            closed = true;
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("closing SSE subscriber: {}", e.toString());
            }
        }
    }
}

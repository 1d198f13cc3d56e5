package io.innopoints.sink.http;

import static io.innopoints.sink.testing.Fixtures.leaderboard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.sink.store.AppliedBatch;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import io.innopoints.sink.access.FeedFilter;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.access.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SSE feed never lets a client that does not read slow the consumer loop or the other clients. */
@Timeout(120)
class LiveFeedTest {
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final LiveFeed feed = new LiveFeed(metrics, 64);
    private final Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
            .sse("/stream", client -> feed.subscribe(client, Set.of(),
                    new FeedFilter(new Principal("bank", Role.BANK, Set.of(), "bank-1", null)))).start("127.0.0.1", 0);
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        app.stop();
    }

    /** A client that connects, asks for the stream and never reads a byte. */
    private Socket stalledClient() throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", app.port()));
        s.getOutputStream().write(request());
        sockets.add(s);
        return s;
    }

    private byte[] request() {
        return "GET /stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A batch of 20 leaderboards of 100 entries each: about 200 KB of events per subscriber. */
    private static AppliedBatch bigBatch(long revision) {
        int[] members = IntStream.rangeClosed(1, 100).toArray();
        List<Leaderboard> boards = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boards.add(leaderboard("zone:ZONE-" + i + ":growth", revision, members));
        }
        return new AppliedBatch(List.of(), List.of(), boards, 0, 0, 0, 0, 0, 0, Map.of());
    }

    @Test
    void shouldKeepTheConsumerPaceAndDropClientsThatNeverRead() throws Exception {
        // given three connected clients that never read
        for (int i = 0; i < 3; i++) {
            stalledClient();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscriberCount() == 3);

        // when the consumer loop delivers 300 batches (~60 MB per client, far beyond any socket buffer)
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int revision = 1; revision <= 300; revision++) {
                feed.afterCommit(bigBatch(revision));
            }
        }, "afterCommit blocked on clients that do not read");

        // then the three were dropped and counted
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.droppedCount() == 3);
        assertThat(feed.subscriberCount()).isZero();
        assertThat(metrics.get("innopoints.sink.sse.dropped.clients").counter().count()).isEqualTo(3.0);
    }

    @Test
    void shouldStillDeliverEveryEventToAReadingClientWhileAnotherNeverReads() throws Exception {
        // given a client that never reads and one that reads every line
        stalledClient();
        Socket reader = new Socket("127.0.0.1", app.port());
        sockets.add(reader);
        reader.getOutputStream().write(request());
        AtomicInteger received = new AtomicInteger();
        Thread readLoop = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("event: leaderboard")) {
                        received.incrementAndGet();
                    }
                }
            } catch (IOException closed) {
                // the test ended
            }
        });
        readLoop.setDaemon(true);
        readLoop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscriberCount() == 2);

        // when batches keep coming (each one read in full by the reader) until the other client is dropped
        int sent = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int events = 0;
            for (int revision = 1; feed.droppedCount() == 0 && revision <= 1000; revision++) {
                feed.afterCommit(bigBatch(revision));
                events += 20;
                int expected = events;
                await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == expected);
            }
            return events;
        }, "the reading client was held up by the one that does not read");

        // then the stalled client was dropped, the reader is still subscribed and got every event
        assertThat(feed.droppedCount()).isEqualTo(1);
        assertThat(feed.subscriberCount()).isEqualTo(1);
        assertThat(received.get()).isEqualTo(sent);
    }
}

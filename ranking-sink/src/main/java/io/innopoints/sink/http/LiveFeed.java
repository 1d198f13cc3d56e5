package io.innopoints.sink.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.LeaderboardEntry;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.sink.access.FeedFilter;
import io.innopoints.sink.consume.BatchListener;
import io.innopoints.sink.store.AppliedBatch;
import io.innopoints.sink.store.Views.ChangeView;
import io.innopoints.sink.store.Views.LeaderboardEntryView;
import io.innopoints.sink.store.Views.LeaderboardView;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes what each committed batch changed to Server-Sent-Events subscribers: event {@code ranking-change} per
 * first-seen ranking change and {@code leaderboard} per leaderboard that moved to a newer revision, each with the
 * same JSON the REST API returns; subscribers may restrict to a set of cohorts, and each sees only what its principal
 * may ({@link FeedFilter}). Runs after the database commit, so a
 * client that receives an event and then queries the API sees the same state.
 *
 * <p>The consumer loop only hands events to each subscriber's bounded buffer ({@link SseSubscriber}); a sender
 * thread per subscriber writes them. A subscriber whose buffer is full (it does not read) is dropped and counted in
 * {@code innopoints_sink_sse_dropped_clients_total}, so no client can slow the loop or the other clients.
 */
public final class LiveFeed implements BatchListener {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    /** Events buffered per subscriber before it counts as too slow and is dropped. */
    public static final int DEFAULT_BUFFER_EVENTS = 1024;

    private final List<SseSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final int bufferEvents;
    private final Counter dropped;
    private final AtomicLong names = new AtomicLong();
    private final ChangeZones.Lookup zones;

    public LiveFeed(MeterRegistry metrics, int bufferEvents) {
        this(metrics, bufferEvents, ChangeZones.Lookup.NONE);
    }

    /**
     * @param zones the stored zone of an enterprise ({@code ReadStore::zoneOf}), for changes of national cohorts whose
     *              enterprise's score is not in the batch: admins of some zones get those of their enterprises
     */
    public LiveFeed(MeterRegistry metrics, int bufferEvents, ChangeZones.Lookup zones) {
        this.bufferEvents = bufferEvents;
        this.zones = zones;
        this.dropped = Counter.builder("innopoints.sink.sse.dropped.clients")
                .description("SSE clients dropped because they did not read their events in time").register(metrics);
        Gauge.builder("innopoints.sink.sse.clients", subscribers, List::size)
                .description("Connected SSE clients").register(metrics);
    }

    /** A feed with its own meter registry (tests, embedded use without metrics). */
    public LiveFeed() {
        this(new SimpleMeterRegistry(), DEFAULT_BUFFER_EVENTS);
    }

    /** Registers a connected client; it is removed when it disconnects or is dropped. */
    public void subscribe(SseClient client, Set<String> cohorts, FeedFilter filter) {
        SseSubscriber s = new SseSubscriber(client, cohorts, filter, bufferEvents, "sse-" + names.incrementAndGet());
        subscribers.add(s);
        client.onClose(() -> remove(s));
        client.keepAlive();
        client.sendComment("subscribed" + (cohorts.isEmpty() ? "" : " to " + String.join(",", cohorts)));
        s.start();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Clients dropped so far because their buffer was full. */
    public long droppedCount() {
        return (long) dropped.count();
    }

    @Override
    public void afterCommit(AppliedBatch batch) {
        if (subscribers.isEmpty()) {
            return;
        }
        ChangeZones changeZones = new ChangeZones(batch.scores(), zones);
        for (RankingChange c : batch.changes()) {
            send("ranking-change", c.getCohortId(), change(c), changeZones.zoneOf(c));
        }
        for (Leaderboard b : batch.leaderboards()) {
            send("leaderboard", b.getCohortId(), leaderboard(b), null);
        }
    }

    private void send(String event, String cohortId, Object data, String zone) {
        for (SseSubscriber s : subscribers) {
            if (s.terminated()) {
                remove(s);
                continue;
            }
            Object view = s.wants(cohortId) ? s.view(data, zone) : null;
            if (view != null && !s.offer(new SseSubscriber.Event(event, view))) {
                LOG.info("dropping an SSE client that did not read {} buffered events", bufferEvents);
                dropped.increment();
                remove(s);
            }
        }
    }

    private void remove(SseSubscriber s) {
        if (subscribers.remove(s)) {
            s.close();
        }
    }

    static ChangeView change(RankingChange c) {
        JsonNode explanation = AvroJson.write(c.getExplanation());
        return new ChangeView(c.getChangeId(), c.getCreditCode(), c.getName(), c.getCohortId(), c.getScope(),
                c.getStage(), c.getKind().name(), c.getOldRank(), c.getNewRank(), c.getOldTotal(), c.getNewTotal(),
                c.getOldTier(), c.getNewTier(), c.getTopN(), c.getDisplaced(), c.getDisplacedBy(), c.getModelVersion(),
                c.getAsOf().toString(), explanation);
    }

    static LeaderboardView leaderboard(Leaderboard b) {
        List<LeaderboardEntryView> entries = new ArrayList<>();
        int position = 1;
        for (LeaderboardEntry e : b.getEntries()) {
            entries.add(new LeaderboardEntryView(position++, e.getRank(), e.getCreditCode(), e.getName(), e.getTotal(),
                    e.getTier()));
        }
        return new LeaderboardView(b.getCohortId(), b.getScope(), b.getScopeValue(), b.getStage(), b.getModelId(),
                b.getModelVersion(), b.getAsOf().toString(), b.getRevision(), b.getCohortSize(), b.getTopN(), entries);
    }
}

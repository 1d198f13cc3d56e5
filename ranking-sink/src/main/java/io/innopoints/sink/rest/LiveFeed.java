package io.innopoints.sink.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.LeaderboardEntry;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.sink.consume.BatchListener;
import io.innopoints.sink.store.AppliedBatch;
import io.innopoints.sink.store.Views.ChangeView;
import io.innopoints.sink.store.Views.LeaderboardEntryView;
import io.innopoints.sink.store.Views.LeaderboardView;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes what each committed batch changed to Server-Sent-Events subscribers: event {@code ranking-change} per
 * first-seen ranking change and {@code leaderboard} per leaderboard that moved to a newer revision, each with the
 * same JSON the REST API returns; subscribers may restrict to a set of cohorts. Runs after the database commit, so a
 * client that receives an event and then queries the API sees the same state.
 */
public final class LiveFeed implements BatchListener {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private record Subscriber(SseClient client, Set<String> cohorts) {
        boolean wants(String cohortId) {
            return cohorts.isEmpty() || cohorts.contains(cohortId);
        }
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** Registers a connected client; it is removed when it disconnects. */
    public void subscribe(SseClient client, Set<String> cohorts) {
        Subscriber s = new Subscriber(client, Set.copyOf(cohorts));
        subscribers.add(s);
        client.onClose(() -> subscribers.remove(s));
        client.keepAlive();
        synchronized (client) {
            client.sendComment("subscribed" + (cohorts.isEmpty() ? "" : " to " + String.join(",", cohorts)));
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void afterCommit(AppliedBatch batch) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (RankingChange c : batch.changes()) {
            send("ranking-change", c.getCohortId(), change(c));
        }
        for (Leaderboard b : batch.leaderboards()) {
            send("leaderboard", b.getCohortId(), leaderboard(b));
        }
    }

    private void send(String event, String cohortId, Object data) {
        for (Subscriber s : subscribers) {
            if (!s.wants(cohortId) || s.client().terminated()) {
                continue;
            }
            try {
                synchronized (s.client()) {
                    s.client().sendEvent(event, data);
                }
            } catch (RuntimeException e) {
                LOG.debug("dropping SSE subscriber: {}", e.toString());
                subscribers.remove(s);
            }
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

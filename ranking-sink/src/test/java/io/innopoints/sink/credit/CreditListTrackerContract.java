package io.innopoints.sink.credit;

import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.sink.credit.CreditProgramme.StageRule;
import io.innopoints.sink.credit.CreditProgramme.TierLine;
import io.innopoints.sink.store.CreditListStore;
import io.innopoints.sink.store.CreditListStore.OutboxRow;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.whatif.ModelCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credit list's outbox on a materialized read model, for each supported database by a subclass: entries and exits
 * recorded once, in order, with a gap-free sequence; recomputing (a restart, a replay) records nothing new; a rebuilt
 * database starts a new epoch.
 */
abstract class CreditListTrackerContract {
    static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");
    /** ZONE-A, every stage: the live top 2, tiers A-B, no penalty. */
    static final CreditProgramme TOP_2 = new CreditProgramme("top2", "bank-1", "ZONE-A", 1_000_000, 10_000, 800_000,
            List.of(new TierLine("A", 2), new TierLine("B", 1)), Map.of("*", new StageRule(2, null, null)), true);

    Database db;
    long offset;
    String url;
    final List<String> urls = new ArrayList<>();

    /** The JDBC URL of a new, empty database. */
    abstract String newDatabaseUrl();

    abstract Database open(String url);

    abstract void dispose(String url);

    String newUrl() {
        String u = newDatabaseUrl();
        urls.add(u);
        return u;
    }

    @BeforeEach
    void open() {
        url = newUrl();
        db = open(url);
    }

    @AfterEach
    void close() {
        if (db != null) { // null when the database was not reachable and the test was skipped
            db.close();
        }
        urls.forEach(this::dispose);
    }

    CreditListTracker tracker(Database database) {
        return new CreditListTracker(List.of(TOP_2), new LiveRanking(database.dataSource(), ModelCatalog.fromOption("")),
                new CreditListStore(database.dataSource()));
    }

    void apply(Database database, SpecificRecord... values) throws Exception {
        List<SinkRecord> batch = new ArrayList<>();
        for (SpecificRecord v : values) {
            batch.add(SinkRecord.decoded("t", 0, offset++, 0, v));
        }
        new Materializer(database.dataSource()).apply("g", batch);
    }

    static EnterpriseScore penalised(EnterpriseScore s) {
        List<IndicatorScore> indicators = new ArrayList<>(s.getIndicators());
        indicators.add(IndicatorScore.newBuilder().setIndicatorId("penalty.tax-arrears").setDimensionId("rd")
                .setValue(1.0).setUnit("yes/no").setPoints(-5.0).build());
        s.setIndicators(indicators);
        return s;
    }

    static List<String> summary(List<OutboxRow> rows) {
        return rows.stream().map(r -> r.seq() + " " + r.kind() + " " + r.creditCode()).toList();
    }

    @Test
    void shouldRecordEachEntryOnceAndNothingWhenRecomputed() throws Exception {
        // Given three enterprises of ZONE-A and one of ZONE-B
        apply(db, Fixtures.score(1, 1, 90, 1, "A"), Fixtures.score(2, 1, 80, 2, "A"), Fixtures.score(3, 1, 70, 3, "B"),
                Fixtures.score(4, 1, 95, "ZONE-B", "growth", "C39", 1, "A"));
        CreditListTracker tracker = tracker(db);
        CreditListStore store = new CreditListStore(db.dataSource());

        // When the lists are refreshed twice
        int first = tracker.refresh(NOW);
        int second = tracker.refresh(NOW.plusSeconds(5));

        // Then the zone's top 2 entered once, in list order, and the second refresh found nothing
        assertThat(first).isEqualTo(2);
        assertThat(second).isZero();
        List<OutboxRow> rows = store.outbox("top2");
        assertThat(summary(rows)).containsExactly("1 ENTERED " + code(1), "2 ENTERED " + code(2));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.eventId()).isEqualTo("top2:" + r.epoch() + ":" + r.seq());
            assertThat(r.bankId()).isEqualTo("bank-1");
            assertThat(r.cohortId()).isEqualTo("zone:ZONE-A:growth");
        });
        assertThat(rows.get(0).liveRank()).isEqualTo(1);
        assertThat(store.members("top2")).containsOnlyKeys(code(1), code(2));
    }

    @Test
    void shouldRecordWhoWasDisplacedAndWhoIsPenalisedAsExitsThenTheEntries() throws Exception {
        apply(db, Fixtures.score(1, 1, 90, 1, "A"), Fixtures.score(2, 1, 80, 2, "A"), Fixtures.score(3, 1, 70, 3, "B"));
        CreditListTracker tracker = tracker(db);
        tracker.refresh(NOW);

        // When 3 overtakes 2 and 1 gets a penalty
        apply(db, Fixtures.score(3, 2, 85, 2, "A"), penalised(Fixtures.score(1, 2, 88, 1, "A")));
        tracker.refresh(NOW.plusSeconds(60));

        // Then 1 and 2 exit (credit-code order), then 3 enters; the sequence goes on without a gap
        List<OutboxRow> rows = new CreditListStore(db.dataSource()).outbox("top2");
        assertThat(summary(rows)).containsExactly("1 ENTERED " + code(1), "2 ENTERED " + code(2),
                "3 EXITED " + code(1), "4 EXITED " + code(2), "5 ENTERED " + code(3));
        assertThat(rows).extracting(OutboxRow::epoch).containsOnly(rows.get(0).epoch());
        // an exit still ranked carries its live place
        assertThat(rows.get(3).liveRank()).isEqualTo(3);
    }

    @Test
    void shouldAnnounceNothingAgainAfterARestartOnTheSameDatabase() throws Exception {
        apply(db, Fixtures.score(1, 1, 90, 1, "A"), Fixtures.score(2, 1, 80, 2, "A"));
        tracker(db).refresh(NOW);

        // When the sink restarts (a new tracker and store on the same database) and the input is replayed
        db.close();
        db = open(url);
        apply(db, Fixtures.score(1, 1, 90, 1, "A"), Fixtures.score(2, 1, 80, 2, "A"));
        int recorded = tracker(db).refresh(NOW.plusSeconds(60));

        // Then nothing new is announced
        assertThat(recorded).isZero();
        assertThat(new CreditListStore(db.dataSource()).outbox("top2")).hasSize(2);
    }

    @Test
    void shouldNotRecordTheSameChangesTwiceWhenTwoRefreshesRace() throws Exception {
        apply(db, Fixtures.score(1, 1, 90, 1, "A"));
        CreditListStore store = new CreditListStore(db.dataSource());
        CreditPlan plan = CreditPlan.compute(TOP_2, new LiveRanking(db.dataSource(), ModelCatalog.fromOption(""))
                .zone("ZONE-A"));
        var changes = CreditListDiff.diff(store.members("top2").keySet(), plan, Map.of());

        // When the same diff is recorded twice (both computed before either was recorded)
        assertThat(store.record(TOP_2, changes, NOW)).hasSize(1);
        assertThat(store.record(TOP_2, changes, NOW)).isEmpty();

        // Then one entry
        assertThat(summary(store.outbox("top2"))).containsExactly("1 ENTERED " + code(1));
    }

    @Test
    void shouldStartANewEpochOnARebuiltDatabase() throws Exception {
        apply(db, Fixtures.score(1, 1, 90, 1, "A"));
        tracker(db).refresh(NOW);
        String firstEpoch = new CreditListStore(db.dataSource()).outbox("top2").get(0).epoch();

        // When the read model is rebuilt from empty (another database) and refreshed
        Database rebuilt = open(newUrl());
        try {
            apply(rebuilt, Fixtures.score(1, 1, 90, 1, "A"));
            tracker(rebuilt).refresh(NOW);

            // Then the enterprise is announced again in a new epoch, from sequence 1, with a different eventId
            OutboxRow again = new CreditListStore(rebuilt.dataSource()).outbox("top2").get(0);
            assertThat(again.seq()).isEqualTo(1);
            assertThat(again.epoch()).isNotEqualTo(firstEpoch);
            assertThat(again.eventId()).isNotEqualTo("top2:" + firstEpoch + ":1");
        } finally {
            rebuilt.close();
        }
    }
}

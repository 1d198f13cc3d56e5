package io.innopoints.sink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.scoring.release.PeriodReleases;
import io.innopoints.sink.testing.ReleaseEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The materialized releases on one database: immutable per period and version, read back as the digested bytes. */
abstract class ReleaseStoreContract {
    static final Instant RECEIVED = Instant.parse("2025-02-02T08:00:00Z");
    Database db;
    ReleaseStore store;

    abstract Database newDatabase();

    abstract void dispose(Database database);

    @BeforeEach
    void open() {
        db = newDatabase();
        store = new ReleaseStore(db.dataSource());
    }

    @AfterEach
    void close() {
        if (db != null) {
            dispose(db);
        }
    }

    @Test
    void shouldKeepTheFirstDeliveryOfAPeriodVersionAndReadItBackByteForByte() throws Exception {
        // Given two versions of 2024-annual
        List<PeriodRelease> versions = ReleaseEvents.twoVersions();
        PeriodRelease v1 = versions.get(0);
        PeriodRelease v2 = versions.get(1);

        // When both are stored, version 1 twice, the second time with other content under the same key
        boolean first = store.store(v1, RECEIVED);
        PeriodRelease forged = PeriodRelease.newBuilder(v2).setVersion(1).build();
        boolean again = store.store(forged, RECEIVED.plusSeconds(60));
        store.store(v2, RECEIVED);

        // Then version 1 is the first delivery, unchanged; the latest is version 2
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        PeriodRelease stored = store.find("2024-annual", 1).orElseThrow();
        assertThat(PeriodReleases.encode(stored)).isEqualTo(PeriodReleases.encode(v1));
        assertThat(PeriodReleases.verify(stored)).isTrue();
        assertThat(store.find("2024-annual", null).orElseThrow().getVersion()).isEqualTo(2);
        assertThat(store.find("2024-annual", 3)).isEmpty();
        assertThat(store.find("2023-annual", null)).isEmpty();
        assertThat(store.list()).extracting(ReleaseStore.Summary::version).containsExactly(2, 1);
        assertThat(store.list().get(1).digest()).isEqualTo(v1.getDigest());
        assertThat(store.list().get(1).cutOff()).isEqualTo(ReleaseEvents.EARLY_CUT_OFF);
    }
}

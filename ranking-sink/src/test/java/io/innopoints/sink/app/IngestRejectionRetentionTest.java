package io.innopoints.sink.app;

import static io.innopoints.sink.testing.Fixtures.T0;
import static io.innopoints.sink.testing.Fixtures.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.IngestRejections;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.ReadStore;
import io.innopoints.sink.store.SinkRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention deletes what was rejected more than the configured days before now, by the clock, and keeps the rest. */
class IngestRejectionRetentionTest {
    @TempDir
    Path dir;

    @Test
    void shouldDeleteWhatWasRejectedMoreThanTheRetentionAgo() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("sink.db"), "", "", 2)) {
            // Given dead letters rejected at minutes 1..5 after T0, and a clock one day and three minutes after T0
            List<SinkRecord> batch = new ArrayList<>();
            for (int m = 1; m <= 5; m++) {
                batch.add(SinkRecord.decoded("ingest-rejected", 0, m, 0, deadLetter("p", "patents", m, "{}", "f" + m)));
            }
            new Materializer(db.dataSource()).apply("sink", batch);
            Clock clock = Clock.fixed(T0.plus(Duration.ofDays(1)).plusSeconds(180), ZoneOffset.UTC);

            // When a one-day retention runs
            int deleted = new IngestRejectionRetention(db.dataSource(), 1, clock).pruneNow();

            // Then the two rejected more than a day ago are gone
            assertThat(deleted).isEqualTo(2);
            assertThat(new ReadStore(db.dataSource()).ingestRejections(new IngestRejections.Filter(null, null, null,
                    null, null, null, 100, 0))).extracting(r -> Instant.parse(r.rejectedAt()))
                    .containsExactly(T0.plusSeconds(300), T0.plusSeconds(240), T0.plusSeconds(180));
        }
    }

    @Test
    void shouldRefuseARetentionBelowOneDay() {
        assertThatThrownBy(() -> new IngestRejectionRetention(null, 0, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}

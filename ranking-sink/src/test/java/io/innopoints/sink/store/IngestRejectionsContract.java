package io.innopoints.sink.store;

import static io.innopoints.sink.testing.Fixtures.deadLetter;
import static io.innopoints.sink.testing.Fixtures.streamDeadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.sink.store.Views.IngestRejectionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest's dead letters in the read model, on every supported database (a subclass per database): a DeadLetter
 * record becomes one row with its field errors, exactly once per topic/partition/offset, without its payload; the read
 * store lists them newest first with every filter and bounded paging.
 */
abstract class IngestRejectionsContract {
    static final String TOPIC = "ingest-rejected";
    static final String GROUP = "sink";
    /** A payload that must never be copied to the read model: a tax filing's revenue. */
    static final String PAYLOAD = "{\"creditCode\":\"x\",\"revenueFen\":987654321987}";

    Database db;
    Materializer materializer;
    ReadStore store;
    long offset;

    abstract Database newDatabase();

    abstract void dispose(Database database);

    @BeforeEach
    void open() {
        db = newDatabase();
        materializer = new Materializer(db.dataSource());
        store = new ReadStore(db.dataSource());
    }

    @AfterEach
    void close() {
        if (db != null) { // null when the database was not reachable and the test was skipped
            dispose(db);
        }
    }

    @Test
    void shouldStoreADeadLetterOnceWithEveryFieldErrorAndWithoutItsPayload() throws Exception {
        // Given a dead letter naming two fields, delivered twice at the same coordinates (a replay after a crash)
        DeadLetter letter = deadLetter("tax-bureau", "tax-filings", 5, PAYLOAD, "revenueFen", "fiscalYear");
        SinkRecord record = SinkRecord.decoded(TOPIC, 2, 41, 1_000, letter);

        // When it is applied in two batches
        AppliedBatch first = materializer.apply(GROUP, List.of(record));
        AppliedBatch again = materializer.apply(GROUP, List.of(record));

        // Then one row holds provenance, reason and both field errors; the replay changed nothing
        assertThat(first.deadLetters()).isEqualTo(1);
        assertThat(again.deadLetters()).isZero();
        assertThat(again.duplicates()).isEqualTo(1);
        List<IngestRejectionView> rows = store.ingestRejections(all(10, 0));
        assertThat(rows).hasSize(1);
        IngestRejectionView row = rows.get(0);
        assertThat(row.topic()).isEqualTo(TOPIC);
        assertThat(row.partition()).isEqualTo(2);
        assertThat(row.offset()).isEqualTo(41);
        assertThat(row.rejectedAt()).isEqualTo("2026-06-01T00:05:00Z");
        assertThat(row.provider()).isEqualTo("tax-bureau");
        assertThat(row.eventType()).isEqualTo("tax-filings");
        assertThat(row.eventId()).isEqualTo("evt-tax-bureau-5");
        assertThat(row.source()).isEqualTo("REST");
        assertThat(row.app()).isEqualTo("ingest");
        assertThat(row.errorClass()).isEqualTo("VALIDATION");
        assertThat(row.reason()).contains("revenueFen: is wrong in revenueFen");
        assertThat(row.errors().findValuesAsText("field")).containsExactly("revenueFen", "fiscalYear");
        assertThat(row.errors().get(0).get("reason").asText()).isEqualTo("is wrong in revenueFen");
        assertThat(row.originalSize()).isEqualTo(PAYLOAD.length());
        assertThat(row.originalSha256()).hasSize(64);
        assertThat(row.toString()).doesNotContain("987654321987");
        assertThat(new OffsetStore(db.dataSource()).nextOffsets(GROUP)).containsEntry(new PartitionKey(TOPIC, 2), 42L);
    }

    @Test
    void shouldFilterByProviderTypeFieldReasonAndTimeNewestFirst() throws Exception {
        // Given dead letters of two providers and types over four minutes
        apply(deadLetter("patent-office", "patents", 1, "{}", "eventTime"),
                deadLetter("patent-office", "patents", 2, "{}", "creditCode", "actionDate"),
                deadLetter("tax-bureau", "tax-filings", 3, "{}", "revenueFen"),
                deadLetter("patent-office", "tech-contracts", 4, "{}", "amountFen"));

        // Then each filter narrows the newest-first list
        assertThat(ids(all(100, 0))).containsExactly(4, 3, 2, 1);
        assertThat(ids(filter("patent-office", null, null, null, null, null))).containsExactly(4, 2, 1);
        assertThat(ids(filter(null, "patents", null, null, null, null))).containsExactly(2, 1);
        assertThat(ids(filter(null, null, "actionDate", null, null, null))).containsExactly(2);
        assertThat(ids(filter(null, null, "action", null, null, null))).as("a field matches whole").isEmpty();
        assertThat(ids(filter(null, null, null, "IS WRONG IN REVENUE", null, null))).as("reason: any case").containsExactly(3);
        assertThat(ids(filter(null, null, null, "WRONG_IN", null, null))).as("LIKE characters are literal").isEmpty();
        assertThat(ids(filter(null, null, null, null, minute(2), minute(4)))).as("from inclusive, to exclusive")
                .containsExactly(3, 2);
        assertThat(ids(filter("patent-office", "patents", "eventTime", "eventTime", minute(1), minute(2))))
                .containsExactly(1);
    }

    @Test
    void shouldStoreADeadLetterWithAHugeProviderAndFieldCutToTheIndexedLength() throws Exception {
        // Given a dead letter from another producer whose provider and field are 10,000 random characters long
        // (random: PostgreSQL compresses index entries, a repeated character would fit)
        java.util.Random random = new java.util.Random(42);
        StringBuilder text = new StringBuilder();
        while (text.length() < 10_000) {
            text.append((char) ('!' + random.nextInt(94)));
        }
        String huge = text.toString();
        DeadLetter letter = deadLetter(huge, "patents", 1, "{}", huge);

        // When it is applied (PostgreSQL would refuse index rows this large)
        AppliedBatch applied = materializer.apply(GROUP, List.of(SinkRecord.decoded(TOPIC, 0, 0, 0, letter)));

        // Then it is stored, findable by the first 200 characters, with its field error whole
        assertThat(applied.deadLetters()).isEqualTo(1);
        String cut = huge.substring(0, IngestRejections.MAX_INDEXED);
        List<IngestRejectionView> rows = store.ingestRejections(filter(cut, null, cut, null, null, null));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).errors().get(0).get("field").asText()).hasSize(10_000);
    }

    @Test
    void shouldDeleteTheDeadLettersRejectedBeforeTheCutoffWithTheirFields() throws Exception {
        // Given dead letters rejected at minutes 1..5, each naming a field
        for (int m = 1; m <= 5; m++) {
            apply(deadLetter("p", "patents", m, "{}", "f" + m));
        }

        // When the retention deletes those rejected before minute 3
        int deleted = IngestRejections.deleteRejectedBefore(db.dataSource(), minute(3));

        // Then minutes 1 and 2 are gone, their field rows too; minute 3 (the cutoff itself) and later stay
        assertThat(deleted).isEqualTo(2);
        assertThat(ids(all(100, 0))).containsExactly(5, 4, 3);
        assertThat(ids(filter(null, null, "f1", null, null, null))).isEmpty();
        assertThat(ids(filter(null, null, "f3", null, null, null))).containsExactly(3);
        try (var c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM ingest_rejection_field")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
        // and a dead letter consumed again after pruning is stored again (redelivery is not blocked)
        materializer.apply(GROUP, List.of(SinkRecord.decoded(TOPIC, 0, 0, 0, deadLetter("p", "patents", 1, "{}", "f1"))));
        assertThat(ids(all(100, 0))).containsExactly(5, 4, 3, 1);
    }

    @Test
    void shouldListScoringStreamsDeadLettersApartFromIngestsWithTheInputRecordsPosition() throws Exception {
        // Given one of ingest's dead letters and two of scoring-stream's (records it could not process)
        apply(deadLetter("p", "patents", 1, "{}", "f1"), streamDeadLetter("patent-events", 41, "patents", 2),
                streamDeadLetter("tax-filing-events", 7, "tax-filings", 3));

        // When both lists are read
        List<IngestRejectionView> ingest = store.ingestRejections(all(100, 0));
        List<Views.StreamDeadLetterView> stream = store.streamDeadLetters(all(100, 0));

        // Then each holds its own, newest first; the stream's carry the input record's position, not its bytes
        assertThat(ingest).extracting(IngestRejectionView::source).containsExactly("REST");
        assertThat(stream).extracting(Views.StreamDeadLetterView::sourceTopic)
                .containsExactly("tax-filing-events", "patent-events");
        Views.StreamDeadLetterView first = stream.get(1);
        assertThat(first.sourcePartition()).isZero();
        assertThat(first.sourceOffset()).isEqualTo(41L);
        assertThat(first.app()).isEqualTo("innopoints-scoring");
        assertThat(first.errorClass()).isEqualTo("DESERIALIZATION");
        assertThat(first.originalSha256()).isEqualTo("cd".repeat(32));
        assertThat(first.toString()).doesNotContain("987654321987");
        // and the filters apply to them too
        assertThat(store.streamDeadLetters(filter(null, "tax-filings", null, null, null, null)))
                .extracting(Views.StreamDeadLetterView::sourceOffset).containsExactly(7L);
    }

    @Test
    void shouldPageByLimitAndSkip() throws Exception {
        for (int m = 1; m <= 5; m++) {
            apply(deadLetter("p", "patents", m, "{}", "f" + m));
        }

        assertThat(ids(all(2, 0))).containsExactly(5, 4);
        assertThat(ids(all(2, 2))).containsExactly(3, 2);
        assertThat(ids(all(2, 4))).containsExactly(1);
        assertThat(ids(all(2, 6))).isEmpty();
    }

    private void apply(DeadLetter... letters) throws Exception {
        List<SinkRecord> batch = new ArrayList<>();
        for (DeadLetter l : letters) {
            batch.add(SinkRecord.decoded(TOPIC, 0, offset++, 0, l));
        }
        materializer.apply(GROUP, batch);
    }

    /** The minute after T0 each row was rejected at: the fixtures' identity. */
    private List<Integer> ids(IngestRejections.Filter f) throws Exception {
        return store.ingestRejections(f).stream()
                .map(r -> (int) ((Instant.parse(r.rejectedAt()).toEpochMilli() - minute(0).toEpochMilli()) / 60_000))
                .toList();
    }

    private static Instant minute(int m) {
        return io.innopoints.sink.testing.Fixtures.T0.plusSeconds(60L * m);
    }

    private static IngestRejections.Filter all(int limit, int skip) {
        return new IngestRejections.Filter(null, null, null, null, null, null, limit, skip);
    }

    private static IngestRejections.Filter filter(String provider, String type, String field, String reason,
                                                  Instant from, Instant to) {
        return new IngestRejections.Filter(provider, type, field, reason, from, to, 100, 0);
    }
}

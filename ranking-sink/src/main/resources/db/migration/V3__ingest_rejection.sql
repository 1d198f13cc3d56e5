-- Ingest's dead letters (topic ingest-rejected, Avro DeadLetter): what providers sent that ingest refused, with the
-- provider, event type, reason and every field error, for admins and operators. One row per record, keyed by its
-- coordinates so a redelivery after a crash is a no-op. The original payload is NOT copied here (it may hold a tax
-- filing's financial values): its size and SHA-256 identify it in the topic. Same portable SQL for SQLite and
-- PostgreSQL; rejected_at is epoch milliseconds.
CREATE TABLE ingest_rejection (
    topic           TEXT    NOT NULL,
    partition_no    INTEGER NOT NULL,
    record_offset   BIGINT  NOT NULL,
    rejected_at     BIGINT  NOT NULL,
    app             TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    provider        TEXT,
    event_type      TEXT,
    event_id        TEXT,
    source_file     TEXT,
    source_line     BIGINT,
    error_class     TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    errors_json     TEXT    NOT NULL,
    original_size   BIGINT,
    original_sha256 TEXT,
    PRIMARY KEY (topic, partition_no, record_offset)
);
CREATE INDEX ingest_rejection_time ON ingest_rejection (rejected_at);
CREATE INDEX ingest_rejection_provider ON ingest_rejection (provider, rejected_at);

-- The fields named by each rejection's errors, one row per distinct field, for the field filter.
CREATE TABLE ingest_rejection_field (
    topic         TEXT    NOT NULL,
    partition_no  INTEGER NOT NULL,
    record_offset BIGINT  NOT NULL,
    field         TEXT    NOT NULL,
    PRIMARY KEY (topic, partition_no, record_offset, field)
);
CREATE INDEX ingest_rejection_field_name ON ingest_rejection_field (field);

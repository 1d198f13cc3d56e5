-- scoring-stream's dead letters (topic scoring-stream-dlq) share the table of ingest's: the same DeadLetter record.
-- What tells them apart is the channel (source KAFKA: rejected by a stream consumer); what only they carry is the
-- position of the record the stream could not process.
ALTER TABLE ingest_rejection ADD COLUMN source_topic TEXT;
ALTER TABLE ingest_rejection ADD COLUMN source_partition INTEGER;
ALTER TABLE ingest_rejection ADD COLUMN source_offset BIGINT;
CREATE INDEX ingest_rejection_source ON ingest_rejection (source, rejected_at);

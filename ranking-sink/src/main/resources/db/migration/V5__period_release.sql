-- Official period releases (topic period-releases): one row per period and version, immutable once written. The
-- document is the release's Avro binary encoding (the bytes its digest is computed over, with digest = '').
CREATE TABLE period_release (
    period_id     TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    as_of         BIGINT  NOT NULL,
    cut_off       BIGINT  NOT NULL,
    model_id      TEXT    NOT NULL,
    model_version TEXT    NOT NULL,
    digest        TEXT    NOT NULL,
    document      BYTEA   NOT NULL,
    received_at   BIGINT  NOT NULL,
    PRIMARY KEY (period_id, version)
);

-- The ranking-sink read model. One SQL for SQLite and PostgreSQL: portable types only
-- (TEXT, BIGINT, INTEGER, DOUBLE PRECISION, BYTEA); instants are epoch milliseconds (BIGINT);
-- booleans are INTEGER 0/1; nested lists that are only ever read whole are JSON text.

-- Latest score per enterprise (topic enterprise-scores). Rows only move forward: upserts are guarded by revision.
CREATE TABLE enterprise_score (
    credit_code      TEXT             NOT NULL PRIMARY KEY,
    name             TEXT             NOT NULL,
    zone             TEXT             NOT NULL,
    industry         TEXT             NOT NULL,
    model_id         TEXT             NOT NULL,
    model_version    TEXT             NOT NULL,
    as_of            BIGINT           NOT NULL,
    revision         BIGINT           NOT NULL,
    stage            TEXT             NOT NULL,
    ranked           INTEGER          NOT NULL,
    total            DOUBLE PRECISION NOT NULL,
    dimensions_json  TEXT             NOT NULL,
    indicators_json  TEXT             NOT NULL,
    explanation_json TEXT             NOT NULL,
    source_topic     TEXT             NOT NULL,
    source_partition INTEGER          NOT NULL,
    source_offset    BIGINT           NOT NULL
);

-- The enterprise's place in each of its cohorts as published with its latest score; replaced whole when the
-- score's revision advances. Queried by cohort (leaderboards, tier and candidate lists).
CREATE TABLE enterprise_rank (
    credit_code  TEXT             NOT NULL,
    cohort_id    TEXT             NOT NULL,
    scope        TEXT             NOT NULL,
    rank_no      INTEGER          NOT NULL,
    cohort_size  INTEGER          NOT NULL,
    percentile   DOUBLE PRECISION NOT NULL,
    tier         TEXT             NOT NULL,
    PRIMARY KEY (credit_code, cohort_id)
);
CREATE INDEX enterprise_rank_cohort ON enterprise_rank (cohort_id, rank_no);

-- Every revision of every score, with its explanation. Insert-only; a replayed revision is a no-op.
CREATE TABLE score_history (
    credit_code      TEXT             NOT NULL,
    revision         BIGINT           NOT NULL,
    as_of            BIGINT           NOT NULL,
    model_version    TEXT             NOT NULL,
    stage            TEXT             NOT NULL,
    ranked           INTEGER          NOT NULL,
    total            DOUBLE PRECISION NOT NULL,
    dimensions_json  TEXT             NOT NULL,
    ranks_json       TEXT             NOT NULL,
    explanation_json TEXT             NOT NULL,
    PRIMARY KEY (credit_code, revision)
);

-- Ranking changes (topic ranking-changes), deduplicated by their deterministic changeId.
CREATE TABLE ranking_change (
    change_id        TEXT             NOT NULL PRIMARY KEY,
    credit_code      TEXT             NOT NULL,
    name             TEXT             NOT NULL,
    cohort_id        TEXT             NOT NULL,
    scope            TEXT             NOT NULL,
    stage            TEXT             NOT NULL,
    kind             TEXT             NOT NULL,
    old_rank         INTEGER,
    new_rank         INTEGER,
    old_total        DOUBLE PRECISION,
    new_total        DOUBLE PRECISION,
    old_tier         TEXT,
    new_tier         TEXT,
    top_n            INTEGER          NOT NULL,
    displaced        TEXT,
    displaced_by     TEXT,
    model_version    TEXT             NOT NULL,
    as_of            BIGINT           NOT NULL,
    explanation_json TEXT             NOT NULL,
    source_topic     TEXT             NOT NULL,
    source_partition INTEGER          NOT NULL,
    source_offset    BIGINT           NOT NULL
);
CREATE INDEX ranking_change_as_of ON ranking_change (as_of);
CREATE INDEX ranking_change_cohort ON ranking_change (cohort_id, as_of);
CREATE INDEX ranking_change_subject ON ranking_change (credit_code, as_of);

-- Latest top-N per cohort (topic leaderboards), guarded by the per-cohort revision; entries replaced whole.
CREATE TABLE leaderboard (
    cohort_id     TEXT    NOT NULL PRIMARY KEY,
    scope         TEXT    NOT NULL,
    scope_value   TEXT    NOT NULL,
    stage         TEXT    NOT NULL,
    model_id      TEXT    NOT NULL,
    model_version TEXT    NOT NULL,
    as_of         BIGINT  NOT NULL,
    revision      BIGINT  NOT NULL,
    cohort_size   INTEGER NOT NULL,
    top_n         INTEGER NOT NULL
);

CREATE TABLE leaderboard_entry (
    cohort_id   TEXT             NOT NULL,
    position    INTEGER          NOT NULL,
    rank_no     INTEGER          NOT NULL,
    credit_code TEXT             NOT NULL,
    name        TEXT             NOT NULL,
    total       DOUBLE PRECISION NOT NULL,
    tier        TEXT             NOT NULL,
    PRIMARY KEY (cohort_id, position)
);

-- Latest shadow-model comparison per cohort (topic model-shadow-diffs); no revision in the record, so as-of guards.
CREATE TABLE model_shadow_diff (
    cohort_id       TEXT    NOT NULL PRIMARY KEY,
    official_model  TEXT    NOT NULL,
    candidate_model TEXT    NOT NULL,
    as_of           BIGINT  NOT NULL,
    cohort_size     INTEGER NOT NULL,
    entries_json    TEXT    NOT NULL
);

-- Where the sink resumes: the next offset to read per group/topic/partition, written in the same transaction as
-- the rows of the records before it. The source of truth for the sink's position (Kafka's copy is informational).
CREATE TABLE consumer_offset (
    group_id     TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    partition_no INTEGER NOT NULL,
    next_offset  BIGINT  NOT NULL,
    PRIMARY KEY (group_id, topic, partition_no)
);

-- Records the sink could not decode or apply: the dead-letter path, with provenance and the original bytes.
CREATE TABLE sink_rejected (
    topic            TEXT   NOT NULL,
    partition_no     INTEGER NOT NULL,
    record_offset    BIGINT NOT NULL,
    record_timestamp BIGINT NOT NULL,
    key_bytes        BYTEA,
    value_bytes      BYTEA,
    error_class      TEXT   NOT NULL,
    reason           TEXT   NOT NULL,
    PRIMARY KEY (topic, partition_no, record_offset)
);

-- Tier lists: every ranked enterprise per cohort and tier, with its live competition rank computed from the
-- current totals of the cohort's members (ranks in enterprise_rank are as of each member's own latest record).
CREATE VIEW tier_list AS
SELECT r.cohort_id,
       r.tier,
       s.credit_code,
       s.name,
       s.zone,
       s.industry,
       s.stage,
       s.total,
       RANK() OVER (PARTITION BY r.cohort_id ORDER BY s.total DESC) AS live_rank,
       r.rank_no AS published_rank,
       r.cohort_size,
       s.as_of
FROM enterprise_rank r
JOIN enterprise_score s ON s.credit_code = r.credit_code
WHERE s.ranked = 1;

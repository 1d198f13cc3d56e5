-- Bank credit programmes' live candidate lists (configuration credit.<id>.*), as last recorded for publication.

-- Per programme: the epoch its sequence counts in (new when this table has no row for it, e.g. after a rebuild from
-- empty) and the last sequence number given to a change.
CREATE TABLE credit_list_state (
    programme_id TEXT   NOT NULL PRIMARY KEY,
    epoch        TEXT   NOT NULL,
    last_seq     BIGINT NOT NULL
);

-- The enterprises on each programme's list, as announced by the outbox below (the state the next diff is against).
CREATE TABLE credit_list_member (
    programme_id TEXT   NOT NULL,
    credit_code  TEXT   NOT NULL,
    name         TEXT   NOT NULL,
    entered_seq  BIGINT NOT NULL,
    PRIMARY KEY (programme_id, credit_code)
);

-- Transactional outbox of entries/exits (topic credit-list-changes): written in the same transaction as the list
-- above, sent in sequence order, marked sent (sent_at) once the broker acknowledged.
CREATE TABLE credit_list_outbox (
    programme_id TEXT             NOT NULL,
    seq          BIGINT           NOT NULL,
    event_id     TEXT             NOT NULL,
    epoch        TEXT             NOT NULL,
    bank_id      TEXT             NOT NULL,
    zone         TEXT             NOT NULL,
    kind         TEXT             NOT NULL,
    credit_code  TEXT             NOT NULL,
    name         TEXT             NOT NULL,
    stage        TEXT,
    cohort_id    TEXT,
    live_rank    INTEGER,
    tier         TEXT,
    total        DOUBLE PRECISION,
    event_time   BIGINT           NOT NULL,
    sent_at      BIGINT,
    PRIMARY KEY (programme_id, epoch, seq)
);
CREATE INDEX credit_list_outbox_unsent ON credit_list_outbox (sent_at, programme_id, seq);

-- Which banks an enterprise lets see its raw financial indicator values (revenue, taxes paid, net profit,
-- R&D expense, staff). Written through the read API by the enterprise or its zone admin; one row per grant.
-- Same portable SQL for SQLite and PostgreSQL; granted_at is epoch milliseconds.
CREATE TABLE bank_consent (
    credit_code TEXT   NOT NULL,
    bank_id     TEXT   NOT NULL,
    granted_at  BIGINT NOT NULL,
    granted_by  TEXT   NOT NULL,
    PRIMARY KEY (credit_code, bank_id)
);

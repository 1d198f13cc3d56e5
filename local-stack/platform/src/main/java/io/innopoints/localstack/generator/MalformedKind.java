package io.innopoints.localstack.generator;

/** The ways a generated record is broken, and which check must reject it. */
public enum MalformedKind {
    BAD_CHECK_CHARACTER(Check.CREDIT_CODE),
    LOWERCASE_CREDIT_CODE(Check.CREDIT_CODE),
    NEGATIVE_AMOUNT(Check.SEMANTIC),
    UNKNOWN_ENUM(Check.STRUCTURE),
    MISSING_REQUIRED_FIELD(Check.STRUCTURE),
    RD_STAFF_EXCEEDS_EMPLOYEES(Check.SEMANTIC),
    FUTURE_EVENT_TIME(Check.SEMANTIC),
    TRUNCATED_RECORD(Check.STRUCTURE),
    WRONG_TYPE(Check.STRUCTURE);

    /** Which layer rejects it: the format reader (AvroJson/AvroCsv), CreditCode, or the semantic event validator. */
    public enum Check { STRUCTURE, CREDIT_CODE, SEMANTIC }

    private final Check check;

    MalformedKind(Check check) {
        this.check = check;
    }

    public Check check() {
        return check;
    }
}

package io.innopoints.stream.domain;

/**
 * One enterprise in one stage: the rank task's in-memory key (held members, watched points, a batch's preseeds). A
 * pair of the interned strings the messages carry (24 bytes) where the concatenation {@code stage|code} was a new
 * 72-byte string per member and per lookup.
 */
record StageMember(String stage, String creditCode) {

    static StageMember of(StageMessage m) {
        return new StageMember(m.stage(), m.creditCode());
    }

    static StageMember of(Member m) {
        return new StageMember(m.message().stage(), m.creditCode());
    }
}

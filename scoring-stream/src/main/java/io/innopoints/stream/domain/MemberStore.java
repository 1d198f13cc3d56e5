package io.innopoints.stream.domain;

import java.util.function.Consumer;

/** The rank stage's members (backed by the changelogged member-store); keys are stage ‖ credit code. */
public interface MemberStore {
    Member get(String stage, String creditCode);

    void put(String stage, Member member);

    void delete(String stage, String creditCode);

    /** Every member of this task (index rebuild on start). */
    void forEach(Consumer<Member> action);
}

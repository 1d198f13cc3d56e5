package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Held members come out in arrival order, a release counting only those it published. */
class HeldMembersTest {

    @Test
    void shouldReleaseInArrivalOrderUpToTheLimitCountingOnlyThePublished() {
        // Given five members held in the order c, a, e, b, d (not sorted), a member held twice counting once
        HeldMembers held = new HeldMembers();
        for (String code : List.of("c", "a", "e", "a", "b", "d")) {
            held.add(new StageMember("startup", code));
        }

        // When a release of two is asked for and the first one offered left its stage meanwhile (nothing published)
        List<String> offered = new ArrayList<>();
        int published = held.release(2, m -> {
            offered.add(m.creditCode());
            return !m.creditCode().equals("c");
        });

        // Then it took members in arrival order until two were published, and dropped the one it skipped
        assertThat(published).isEqualTo(2);
        assertThat(offered).containsExactly("c", "a", "e");
        assertThat(held.any()).isTrue();

        // And the next release goes on with the rest, and then none is held
        List<String> rest = new ArrayList<>();
        assertThat(held.release(10, m -> rest.add(m.creditCode()))).isEqualTo(2);
        assertThat(rest).containsExactly("b", "d");
        assertThat(held.any()).isFalse();
    }
}

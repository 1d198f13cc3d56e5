package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemberTest {

    @Test
    void shouldKeepRevisionsIncreasingPastAMillionRipplesBetweenTwoOwnEvents() {
        long quietForYears = 40_000_000; // ripples of one enterprise with no event of its own: 1.3 years at 1/s
        assertThat(Member.revision(7, quietForYears)).isGreaterThan(Member.revision(7, quietForYears - 1));
        assertThat(Member.revision(8, 0)).isGreaterThan(Member.revision(7, quietForYears));
    }

    @Test
    void shouldRefusePartsOutOfRangeInsteadOfWrappingAround() {
        assertThatThrownBy(() -> Member.revision(1, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Member.revision(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

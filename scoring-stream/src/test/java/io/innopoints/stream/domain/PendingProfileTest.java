package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.scoring.profile.Profiles;
import org.junit.jupiter.api.Test;

class PendingProfileTest {

    @Test
    void shouldKeepTheNewestProfileAndEveryCauseOnceInArrivalOrder() {
        var first = Profiles.empty("91110000000000001A");
        var second = Profiles.empty("91110000000000001A");

        PendingProfile p = PendingProfile.of(null, first, "e1").then(second, "e2").then(second, "e1");

        assertThat(p.profile()).isSameAs(second);
        assertThat(p.stored()).isNull();
        assertThat(p.causes()).containsExactly("e1", "e2");
    }
}

package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void shouldKeepArrivalOrderAndEachEventIdOnce() {
        assertThat(Causes.merge(List.of("e1", "e2"), List.of("e2", "e3", "e1", "e4")))
                .containsExactly("e1", "e2", "e3", "e4");
    }

    @Test
    void shouldTreatNullAsNoCauses() {
        assertThat(Causes.merge(null, List.of("e1"))).containsExactly("e1");
        assertThat(Causes.merge(List.of("e1"), null)).containsExactly("e1");
        assertThat(Causes.merge(null, null)).isEmpty();
    }
}

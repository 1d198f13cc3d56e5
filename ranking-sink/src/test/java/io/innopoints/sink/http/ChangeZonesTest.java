package io.innopoints.sink.http;

import static io.innopoints.sink.testing.Fixtures.change;
import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.score.RankingChangeKind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The zone of a change's enterprise: from the zone cohort, the batch's score, else the store (once per batch). */
class ChangeZonesTest {
    static RankingChange nation(int n) {
        return RankingChange.newBuilder(change("c" + n, n, RankingChangeKind.MOVED, 3, 2, 1))
                .setCohortId("nation:CN:growth").setScope("nation").build();
    }

    @Test
    void shouldTakeTheZoneFromTheCohortThenTheBatchThenTheStoreOncePerEnterprise() {
        // Given a batch with enterprise 2's score in ZONE-B, and a store that knows enterprise 3 in ZONE-C
        List<String> lookedUp = new ArrayList<>();
        ChangeZones zones = new ChangeZones(List.of(score(2, 1, 50, "ZONE-B", "growth", "C39", 1, "A")), code -> {
            lookedUp.add(code);
            return code.equals(code(3)) ? Optional.of("ZONE-C") : Optional.empty();
        });

        // Then a zone cohort names its zone, the batch and the store the rest; unknown stays null
        assertThat(zones.zoneOf(change("c1", 1, RankingChangeKind.MOVED, 3, 2, 1))).isEqualTo("ZONE-A");
        assertThat(zones.zoneOf(nation(2))).isEqualTo("ZONE-B");
        assertThat(zones.zoneOf(nation(3))).isEqualTo("ZONE-C");
        assertThat(zones.zoneOf(nation(3))).isEqualTo("ZONE-C");
        assertThat(zones.zoneOf(nation(4))).isNull();
        assertThat(lookedUp).containsExactly(code(3), code(4));
    }

    @Test
    void shouldLeaveTheZoneUnknownWhenTheStoreFails() {
        ChangeZones zones = new ChangeZones(List.of(), code -> {
            throw new SQLException("connection refused (simulated)");
        });

        assertThat(zones.zoneOf(nation(5))).isNull();
    }
}

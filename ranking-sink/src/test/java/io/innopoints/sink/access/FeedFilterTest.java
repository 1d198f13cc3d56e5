package io.innopoints.sink.access;

import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.sink.store.Views.ChangeView;
import io.innopoints.sink.store.Views.LeaderboardEntryView;
import io.innopoints.sink.store.Views.LeaderboardView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each SSE subscriber gets what its principal may read on the REST routes, nothing more. */
class FeedFilterTest {
    static final LeaderboardView BOARD = new LeaderboardView("zone:ZONE-A:growth", "zone", "ZONE-A", "growth", "m", "1",
            "2026-06-01T00:00:00Z", 1, 10, 20, List.of(new LeaderboardEntryView(1, 1, code(1), "Enterprise 1", 90, "A")));
    static final ChangeView CHANGE_A = change(1, "zone:ZONE-A:growth");
    static final ChangeView CHANGE_B = change(4, "zone:ZONE-B:growth");
    static final ChangeView CHANGE_NATION = change(1, "nation:CN:growth");

    static ChangeView change(int n, String cohort) {
        return new ChangeView("c-" + n + cohort, code(n), "Enterprise " + n, cohort, "zone", "growth", "MOVED", 2, 1,
                10.0, 20.0, "B", "A", 20, null, null, "1", "2026-06-01T00:00:00Z", null);
    }

    static FeedFilter filter(Role role, Set<String> zones, String bank, String creditCode) {
        return new FeedFilter(new Principal("p", role, zones, bank, creditCode));
    }

    @Test
    void shouldSendThePublicAndOperatorsLeaderboardsWithoutCreditCodesAndNoChanges() {
        for (FeedFilter f : List.of(new FeedFilter(Principal.anonymous()), filter(Role.OPERATOR, Set.of(), null, null))) {
            Object board = f.view(BOARD);

            assertThat(board).isInstanceOf(PublicViews.PublicLeaderboard.class);
            assertThat(((PublicViews.PublicLeaderboard) board).entries().get(0).name()).isEqualTo("Enterprise 1");
            assertThat(f.view(CHANGE_A)).isNull();
        }
    }

    @Test
    void shouldSendABankEverythingAndAnEnterpriseOnlyItsOwnChanges() {
        FeedFilter bank = filter(Role.BANK, Set.of(), "b", null);
        FeedFilter enterprise = filter(Role.ENTERPRISE, Set.of(), null, code(1));

        assertThat(bank.view(BOARD)).isSameAs(BOARD);
        assertThat(bank.view(CHANGE_B)).isSameAs(CHANGE_B);
        assertThat(enterprise.view(BOARD)).isSameAs(BOARD);
        assertThat(enterprise.view(CHANGE_A)).isSameAs(CHANGE_A);
        assertThat(enterprise.view(CHANGE_B)).isNull();
    }

    @Test
    void shouldSendAZoneAdminTheChangesOfItsZonesCohorts() {
        FeedFilter zoneB = filter(Role.ZONE_ADMIN, Set.of("ZONE-B"), null, null);
        FeedFilter all = filter(Role.ZONE_ADMIN, Set.of(Principal.ALL_ZONES), null, null);

        assertThat(zoneB.view(CHANGE_B)).isSameAs(CHANGE_B);
        assertThat(zoneB.view(CHANGE_A)).isNull();
        assertThat(zoneB.view(CHANGE_NATION)).isNull();
        assertThat(all.view(CHANGE_NATION)).isSameAs(CHANGE_NATION);
    }

    @Test
    void shouldSendAnAdminOfSomeZonesTheNationalChangesOfItsZonesEnterprisesOnly() {
        // Given an admin of ZONE-B and national-cohort changes of enterprises in ZONE-B and ZONE-A
        FeedFilter zoneB = filter(Role.ZONE_ADMIN, Set.of("ZONE-B"), null, null);

        // Then it gets its own enterprise's change, not the other zone's, and nothing whose zone is unknown
        assertThat(zoneB.view(CHANGE_NATION, "ZONE-B")).isSameAs(CHANGE_NATION);
        assertThat(zoneB.view(CHANGE_NATION, "ZONE-A")).isNull();
        assertThat(zoneB.view(CHANGE_NATION, null)).isNull();
        // and the zone of the enterprise does not widen what other roles get
        assertThat(filter(Role.OPERATOR, Set.of(), null, null).view(CHANGE_NATION, "ZONE-B")).isNull();
        assertThat(filter(Role.ENTERPRISE, Set.of(), null, code(4)).view(CHANGE_NATION, "ZONE-B")).isNull();
    }
}

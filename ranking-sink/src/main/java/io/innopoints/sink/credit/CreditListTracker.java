package io.innopoints.sink.credit;

import io.innopoints.sink.store.CreditListStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each programme's announced candidate list equal to its live plan: computes the plan from the live ranking,
 * diffs it against the members last announced ({@link CreditListDiff}) and records the entries and exits in the
 * outbox ({@link CreditListStore#record}). Recomputing an unchanged state records nothing, so a restart, a replay of
 * already-applied input or a second refresh never announces an enterprise twice.
 */
public final class CreditListTracker {
    private final List<CreditProgramme> programmes;
    private final LiveRanking ranking;
    private final CreditListStore store;

    public CreditListTracker(List<CreditProgramme> programmes, LiveRanking ranking, CreditListStore store) {
        this.programmes = List.copyOf(programmes);
        this.ranking = ranking;
        this.store = store;
    }

    /** Records every programme's changes since last time; returns how many were recorded. */
    public int refresh(Instant now) throws SQLException {
        int recorded = 0;
        Map<String, List<RankedEntry>> byZone = new HashMap<>();
        for (CreditProgramme p : programmes) {
            List<RankedEntry> entries = byZone.get(p.zone());
            if (entries == null) {
                entries = ranking.zone(p.zone());
                byZone.put(p.zone(), entries);
            }
            CreditPlan plan = CreditPlan.compute(p, entries);
            Map<String, RankedEntry> ranked = new HashMap<>();
            entries.forEach(e -> ranked.putIfAbsent(e.creditCode(), e));
            var changes = CreditListDiff.diff(store.members(p.id()).keySet(), plan, ranked);
            recorded += store.record(p, changes, now).size();
        }
        return recorded;
    }
}

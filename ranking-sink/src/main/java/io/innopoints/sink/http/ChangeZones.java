package io.innopoints.sink.http;

import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.RankingChange;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone of a ranking change's enterprise, so the live feed can send an admin of some zones the changes of its
 * enterprises in every cohort, as the change feed does: the cohort's own zone for a zone cohort, else the zone of the
 * enterprise's score in the same batch, else the stored score's zone (one lookup per enterprise and batch). Unknown
 * (null) when none is found or the database fails — such a change then reaches only the roles that see every zone.
 */
public final class ChangeZones {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeZones.class);
    private static final String ZONE_SCOPE = "zone";

    /** The stored zone of an enterprise ({@code ReadStore::zoneOf}). */
    @FunctionalInterface
    public interface Lookup {
        Optional<String> zoneOf(String creditCode) throws SQLException;

        Lookup NONE = code -> Optional.empty();
    }

    private final Lookup lookup;
    private final Map<String, String> known = new HashMap<>();

    /** Zones for one batch: its scores' zones first, the lookup for the rest. */
    ChangeZones(Iterable<EnterpriseScore> batchScores, Lookup lookup) {
        this.lookup = lookup;
        for (EnterpriseScore s : batchScores) {
            known.put(s.getCreditCode(), s.getZone());
        }
    }

    String zoneOf(RankingChange c) {
        String cohort = c.getCohortId();
        if (ZONE_SCOPE.equals(c.getScope()) && cohort.startsWith(ZONE_SCOPE + ":") && cohort.lastIndexOf(':') > ZONE_SCOPE.length()) {
            return cohort.substring(ZONE_SCOPE.length() + 1, cohort.lastIndexOf(':'));
        }
        return known.computeIfAbsent(c.getCreditCode(), code -> {
            try {
                return lookup.zoneOf(code).orElse(null);
            } catch (SQLException e) {
                LOG.warn("zone of {} unknown for the live feed: {}", code, e.toString());
                return null;
            }
        });
    }
}

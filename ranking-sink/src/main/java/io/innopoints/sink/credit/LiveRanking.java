package io.innopoints.sink.credit;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.sink.store.LiveRankingStore;
import io.innopoints.sink.whatif.ModelCatalog;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The live ranking of a zone's cohorts as {@link RankedEntry}s: the {@link LiveRankingStore}'s members (live rank,
 * members below, live size), the tier of the live rank under the enterprise's model ({@link ScoringModel#tierOf}; the
 * published tier when the sink has not loaded that model) and whether a penalty item takes points off (an indicator
 * with a {@code penalty} scorer and negative points; any negative indicator when the model is unknown — fail closed).
 */
public final class LiveRanking {
    private final LiveRankingStore store;
    private final ModelCatalog models;

    public LiveRanking(DataSource dataSource, ModelCatalog models) {
        this.store = new LiveRankingStore(dataSource);
        this.models = models;
    }

    public List<RankedEntry> zone(String zone) throws SQLException {
        List<RankedEntry> out = new ArrayList<>();
        for (LiveRankingStore.Member m : store.zone(zone)) {
            Optional<ScoringModel> model = models.find(m.modelId(), m.modelVersion());
            String tier = model.map(s -> s.tierOf(m.liveRank(), m.liveSize())).orElse(m.publishedTier());
            out.add(new RankedEntry(m.creditCode(), m.name(), m.zone(), m.stage(), m.cohortId(), m.liveRank(),
                    m.liveSize(), m.below(), tier, m.total(), penalised(model, m.indicators())));
        }
        return out;
    }

    static boolean penalised(Optional<ScoringModel> model, JsonNode indicators) {
        for (JsonNode i : indicators) {
            if (i.path("points").asDouble() < 0) {
                String id = i.path("indicatorId").asText();
                boolean penalty = model.isEmpty() || model.get().indicator(id).map(Indicator::scorer)
                        .map(s -> s.kind().equals("penalty")).orElse(true);
                if (penalty) {
                    return true;
                }
            }
        }
        return false;
    }
}

package io.innopoints.sink.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.whatif.WhatIfEngine;
import io.innopoints.scoring.whatif.WhatIfEngine.Scenario;
import io.innopoints.scoring.whatif.WhatIfEngine.Target;
import io.innopoints.scoring.whatif.WhatIfException;
import io.innopoints.sink.store.WhatIfStore;
import io.innopoints.sink.whatif.ModelCatalog;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers {@code POST /api/v1/enterprises/{creditCode}/what-if}: parses the request body
 * ({@code {"changes": {indicatorId: value|null}, "cohort": "...", "top": N}}), loads the enterprise and its cohorts
 * from the {@link WhatIfStore}, picks the model its current score was computed under from the {@link ModelCatalog}
 * and runs the {@link WhatIfEngine}: the scenario with the changes, and the minimum single-indicator change to reach
 * the top-N of the cohort (default: the enterprise's cohort of the model's first scope, N = the model's topN).
 * The scoring is scoring-model's; this class is the glue: a bad body, an unknown enterprise (404), a model the sink
 * has not loaded (409) and the engine's {@link WhatIfException}s (400 naming the field, 409 for a stored state that
 * does not fit the model) become {@link ProblemException}s.
 */
final class WhatIfService {
    private final WhatIfStore store;
    private final ModelCatalog models;

    WhatIfService(WhatIfStore store, ModelCatalog models) {
        this.store = store;
        this.models = models;
    }

    /** The answer: the model used, the scenario, and the top-N target (null when the enterprise is not ranked). */
    public record Answer(String creditCode, String modelId, String modelVersion, String stage, boolean ranked,
                         Scenario scenario, Target target) {
    }

    Answer answer(String creditCode, JsonNode body) throws SQLException {
        try {
            return answerOrThrow(creditCode, body);
        } catch (WhatIfException e) {
            throw switch (e.kind()) {
                case INVALID -> e.field() == null ? new ProblemException(ProblemType.BAD_REQUEST, null, e.reason())
                        : ProblemException.badField(e.field(), e.reason());
                case MODEL_MISMATCH -> new ProblemException(ProblemType.CONFLICT, e.field(), e.reason());
            };
        }
    }

    private Answer answerOrThrow(String creditCode, JsonNode body) throws SQLException {
        if (body == null || !body.isObject()) {
            throw ProblemException.badField("body", "must be a JSON object like {\"changes\": {\"rd-expense\": 800}}");
        }
        Map<String, Double> changes = changes(body.get("changes"));
        String cohort = text(body, "cohort");
        Integer top = top(body.get("top"));
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("changes") && !f.equals("cohort") && !f.equals("top")) {
                throw ProblemException.badField(f, "unknown field; expected changes, cohort, top");
            }
        }
        WhatIfStore.Snapshot snap = store.snapshot(creditCode).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "creditCode", "no score for enterprise '" + creditCode + "'"));
        ScoringModel model = models.find(snap.modelId(), snap.modelVersion()).orElseThrow(() -> new ProblemException(
                ProblemType.CONFLICT, null, "the enterprise was scored with model " + snap.modelId() + ":" + snap.modelVersion()
                + ", which the sink has not loaded (loaded: " + models.keys() + "); add its file to whatif.model.files"));
        WhatIfEngine engine = new WhatIfEngine(model, snap.subject(), snap.members());
        Scenario scenario = engine.evaluate(changes);
        Target target = null;
        if (!snap.subject().cohorts().isEmpty()) {
            String cohortId = cohort != null ? cohort : defaultCohort(model, snap);
            target = engine.minimumChange(cohortId, top != null ? top : model.topN());
        } else if (cohort != null) {
            throw ProblemException.badField("cohort", "the enterprise is not ranked, so it has no cohort");
        }
        return new Answer(creditCode, model.id(), model.version(), snap.subject().stage(), snap.ranked(), scenario,
                target);
    }

    private static String defaultCohort(ScoringModel model, WhatIfStore.Snapshot snap) {
        String first = model.scopes().get(0).id();
        return snap.subject().cohorts().stream().filter(c -> c.scope().equals(first)).findFirst()
                .orElse(snap.subject().cohorts().get(0)).cohortId();
    }

    private static Map<String, Double> changes(JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw ProblemException.badField("changes", "must be an object indicatorId: new raw value (number or null)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), null);
            } else if (v.isNumber()) {
                out.put(e.getKey(), v.asDouble());
            } else {
                throw ProblemException.badField("changes." + e.getKey(), "must be a number or null, got " + v);
            }
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw ProblemException.badField(field, "must be a non-empty string");
        }
        return n.asText();
    }

    private static Integer top(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 10_000) {
            throw ProblemException.badField("top", "must be an integer 1..10000, got " + n);
        }
        return n.asInt();
    }
}

package io.innopoints.sink.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.sink.store.ConsentStore;
import io.innopoints.sink.store.Views.EnterpriseView;
import java.sql.SQLException;

/**
 * Removes the raw values of confidential indicators ({@link ConfidentialIndicators}) from an enterprise record for a
 * principal without the right to them: a bank the enterprise has not granted consent. The indicator stays (id, unit,
 * points) with {@code "value"} absent and {@code "valueRedacted": true}. Zone admins and the enterprise itself see
 * every value; other roles never reach an enterprise record.
 */
public final class FinancialRedactor {
    public static final String REDACTED = "valueRedacted";

    private final ConfidentialIndicators confidential;
    private final ConsentStore consents;

    public FinancialRedactor(ConfidentialIndicators confidential, ConsentStore consents) {
        this.confidential = confidential;
        this.consents = consents;
    }

    public EnterpriseView forPrincipal(EnterpriseView view, Principal principal) throws SQLException {
        if (seesFinancials(view.creditCode(), principal)) {
            return view;
        }
        return new EnterpriseView(view.creditCode(), view.name(), view.zone(), view.industry(), view.modelId(),
                view.modelVersion(), view.asOf(), view.revision(), view.stage(), view.ranked(), view.total(),
                view.dimensions(), redact(view.indicators(), view.modelId(), view.modelVersion()), view.ranks(),
                view.explanation(), view.lastChange());
    }

    private boolean seesFinancials(String creditCode, Principal p) throws SQLException {
        return switch (p.role()) {
            case ZONE_ADMIN, ENTERPRISE -> true; // the access rules let them read only their own enterprises
            case BANK -> consents.granted(creditCode, p.bankId());
            default -> false;
        };
    }

    private JsonNode redact(JsonNode indicators, String modelId, String modelVersion) {
        if (!(indicators instanceof ArrayNode array)) {
            return indicators;
        }
        ArrayNode out = array.deepCopy();
        for (JsonNode n : out) {
            if (n instanceof ObjectNode indicator
                    && confidential.confidential(modelId, modelVersion, indicator.path("indicatorId").asText())) {
                indicator.remove("value");
                indicator.put(REDACTED, true);
            }
        }
        return out;
    }
}

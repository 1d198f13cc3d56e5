package io.innopoints.sink.http;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.sink.access.AccessFilter;
import io.innopoints.sink.access.EnterpriseGate;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.store.ConsentStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/**
 * The consent list over HTTP: an enterprise (or its zone admin) lists, grants and revokes which banks may see its raw
 * financial indicator values — {@code GET /api/v1/enterprises/{creditCode}/consents},
 * {@code PUT|DELETE /api/v1/enterprises/{creditCode}/consents/{bankId}}. PUT answers 201 when new, 200 when it was
 * already granted; DELETE 204, or 404 when there was no grant.
 */
public final class ConsentApi {
    private static final String BANK_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final ConsentStore consents;
    private final EnterpriseGate gate;
    private final Clock clock;

    private ConsentApi(ConsentStore consents, EnterpriseGate gate, Clock clock) {
        this.consents = consents;
        this.gate = gate;
        this.clock = clock;
    }

    public static void install(Javalin app, ConsentStore consents, EnterpriseGate gate, Clock clock) {
        ConsentApi api = new ConsentApi(consents, gate, clock);
        app.get("/api/v1/enterprises/{creditCode}/consents", api::list);
        app.put("/api/v1/enterprises/{creditCode}/consents/{bankId}", api::grant);
        app.delete("/api/v1/enterprises/{creditCode}/consents/{bankId}", api::revoke);
    }

    private void list(Context ctx) throws SQLException {
        String code = enterprise(ctx);
        ctx.json(consents.of(code));
    }

    private void grant(Context ctx) throws SQLException {
        String code = enterprise(ctx);
        Principal p = AccessFilter.principal(ctx);
        boolean created = consents.grant(code, bank(ctx), clock.instant(), p.role().id() + ":" + p.subject());
        ctx.status(created ? 201 : 200).json(Map.of("creditCode", code, "bankId", bank(ctx), "granted", true));
    }

    private void revoke(Context ctx) throws SQLException {
        String code = enterprise(ctx);
        if (consents.revoke(code, bank(ctx))) {
            ctx.status(204);
        } else {
            ApiErrors.send(ctx, ErrorBody.of(ProblemType.NOT_FOUND, "no consent of " + code + " for bank " + bank(ctx)));
        }
    }

    private String enterprise(Context ctx) throws SQLException {
        String code = QueryParams.path(ctx, "creditCode");
        CreditCode.problem(code).ifPresent(p -> {
            throw ProblemException.badField("creditCode", p);
        });
        gate.requireAct(AccessFilter.principal(ctx), code);
        return code;
    }

    private static String bank(Context ctx) {
        String bank = QueryParams.path(ctx, "bankId");
        if (!bank.matches(BANK_ID)) {
            throw ProblemException.badField("bankId", "'" + bank + "' is not a bank id (letters, digits, . _ -; at most 64)");
        }
        return bank;
    }
}

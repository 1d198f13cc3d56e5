package io.innopoints.sink.http;

import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.sink.access.AccessFilter;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.credit.CreditPlan;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.credit.CreditService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The banks' credit lists over HTTP, computed from the live ranking at each request ({@link CreditPlan}):
 * {@code GET /api/v1/credit-programmes} (the programmes the caller may read, with their totals) and
 * {@code GET /api/v1/credit-programmes/{programmeId}/allocation} (the list and every amount; CSV = the entries).
 * A bank reads its own programmes, a zone admin those of its zones (403 otherwise, 404 for an unknown id). Entries
 * carry scores, ranks, tiers and amounts — no financial indicator value.
 */
public final class CreditApi {
    private static final String PROGRAMME_ID = "[a-z0-9][a-z0-9._-]{0,63}";
    private final CreditService credit;

    private CreditApi(CreditService credit) {
        this.credit = credit;
    }

    public static void install(Javalin app, CreditService credit) {
        CreditApi api = new CreditApi(credit);
        app.get("/api/v1/credit-programmes", api::programmes);
        app.get("/api/v1/credit-programmes/{programmeId}/allocation", api::allocation);
    }

    /** A programme as configured, with the totals of its live plan; {@code source} is {@code live} (releases later). */
    public record ProgrammeView(String id, String bankId, String zone, String source, long budgetYuan, long unitYuan,
                                long capYuan, List<CreditProgramme.TierLine> tiers,
                                Map<String, CreditProgramme.StageRule> eligibility, boolean excludePenalised,
                                int candidates, long allocatedYuan, long unallocatedYuan) {
        static ProgrammeView of(CreditPlan plan) {
            CreditProgramme p = plan.programme();
            return new ProgrammeView(p.id(), p.bankId(), p.zone(), "live", p.budgetYuan(), p.unitYuan(), p.capYuan(),
                    p.tiers(), p.stages(), p.excludePenalised(), plan.grants().size(), plan.allocatedYuan(),
                    plan.unallocatedYuan());
        }
    }

    /** One enterprise on a credit list. */
    public record AllocationEntry(int position, String creditCode, String name, String stage, String cohortId,
                                  int liveRank, int cohortSize, double percentile, String tier, double total,
                                  long amountYuan) {
        static AllocationEntry of(CreditPlan.Grant g) {
            var e = g.entry();
            return new AllocationEntry(g.position(), e.creditCode(), e.name(), e.stage(), e.cohortId(), e.rank(),
                    e.cohortSize(), Math.round(e.percentile() * 100) / 100.0, e.tier(), e.total(), g.amountYuan());
        }
    }

    /** A programme's list with its totals. */
    public record AllocationView(ProgrammeView programme, List<AllocationEntry> entries) {
    }

    private void programmes(Context ctx) throws SQLException {
        Principal principal = AccessFilter.principal(ctx);
        List<ProgrammeView> out = new ArrayList<>();
        for (CreditProgramme p : credit.visibleTo(principal)) {
            out.add(ProgrammeView.of(credit.plan(principal, p)));
        }
        if (ReadApi.wantsCsv(ctx)) {
            ctx.contentType("text/csv; charset=utf-8").result(Csv.write(out, ProgrammeView.class));
        } else {
            ctx.json(out);
        }
    }

    private void allocation(Context ctx) throws SQLException {
        String id = QueryParams.path(ctx, "programmeId");
        if (!id.matches(PROGRAMME_ID)) {
            throw ProblemException.badField("programmeId", "'" + id + "' is not a programme id (a-z, 0-9, . _ -; at most 64)");
        }
        boolean csv = ReadApi.wantsCsv(ctx);
        Optional<CreditProgramme> programme = credit.programme(id);
        if (programme.isEmpty()) {
            ApiErrors.send(ctx, ErrorBody.of(ProblemType.NOT_FOUND, "no credit programme '" + id + "'"));
            return;
        }
        CreditPlan plan = credit.plan(AccessFilter.principal(ctx), programme.get());
        List<AllocationEntry> entries = plan.grants().stream().map(AllocationEntry::of).toList();
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8").result(Csv.write(entries, AllocationEntry.class));
        } else {
            ctx.json(new AllocationView(ProgrammeView.of(plan), entries));
        }
    }
}

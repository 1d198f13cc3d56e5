package io.innopoints.sink.http;

import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.sink.access.AccessFilter;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.credit.CreditPlan;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.credit.CreditService;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.scoring.release.Period;
import io.innopoints.sink.store.ReleaseStore;
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
 * carry scores, ranks, tiers and amounts — no financial indicator value. With {@code ?release=<periodId>} (and
 * {@code &version=N}) the allocation is computed on that official period release instead of the live ranking.
 */
public final class CreditApi {
    private static final String PROGRAMME_ID = "[a-z0-9][a-z0-9._-]{0,63}";
    private final CreditService credit;
    private final ReleaseStore releases;

    private CreditApi(CreditService credit, ReleaseStore releases) {
        this.credit = credit;
        this.releases = releases;
    }

    public static void install(Javalin app, CreditService credit, ReleaseStore releases) {
        CreditApi api = new CreditApi(credit, releases);
        app.get("/api/v1/credit-programmes", api::programmes);
        app.get("/api/v1/credit-programmes/{programmeId}/allocation", api::allocation);
    }

    /**
     * A programme as configured, with the totals of its plan; {@code source} is {@code live}, or
     * {@code release:<periodId>:<version>} for a plan on an official period release.
     */
    public record ProgrammeView(String id, String bankId, String zone, String source, long budgetYuan, long unitYuan,
                                long capYuan, List<CreditProgramme.TierLine> tiers,
                                Map<String, CreditProgramme.StageRule> eligibility, boolean excludePenalised,
                                int candidates, long allocatedYuan, long unallocatedYuan) {
        static ProgrammeView of(CreditPlan plan) {
            return of(plan, "live");
        }

        static ProgrammeView of(CreditPlan plan, String source) {
            CreditProgramme p = plan.programme();
            return new ProgrammeView(p.id(), p.bankId(), p.zone(), source, p.budgetYuan(), p.unitYuan(), p.capYuan(),
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
        String periodId = QueryParams.text(ctx, "release");
        if (periodId != null && !Period.ID.matcher(periodId).matches()) {
            throw ProblemException.badField("release", "'" + periodId + "' is not a period id (a-z, 0-9, . _ -; at most 64)");
        }
        Integer version = ctx.queryParam("version") == null ? null
                : QueryParams.integer(ctx, "version", 1, 1, Integer.MAX_VALUE);
        if (version != null && periodId == null) {
            throw ProblemException.badField("version", "is a version of a release: give release=<periodId> too");
        }
        Optional<CreditProgramme> programme = credit.programme(id);
        if (programme.isEmpty()) {
            ApiErrors.send(ctx, ErrorBody.of(ProblemType.NOT_FOUND, "no credit programme '" + id + "'"));
            return;
        }
        CreditPlan plan;
        String source = "live";
        if (periodId == null) {
            plan = credit.plan(AccessFilter.principal(ctx), programme.get());
        } else {
            // the access decision first: a refused caller learns nothing about which releases exist
            credit.plan(AccessFilter.principal(ctx), programme.get());
            Optional<PeriodRelease> release = releases.find(periodId, version);
            if (release.isEmpty()) {
                ApiErrors.send(ctx, ErrorBody.of(ProblemType.NOT_FOUND, "no release of period '" + periodId + "'"
                        + (version == null ? "" : " with version " + version)));
                return;
            }
            plan = credit.plan(AccessFilter.principal(ctx), programme.get(), release.get());
            source = "release:" + periodId + ":" + release.get().getVersion();
        }
        List<AllocationEntry> entries = plan.grants().stream().map(AllocationEntry::of).toList();
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8").result(Csv.write(entries, AllocationEntry.class));
        } else {
            ctx.json(new AllocationView(ProgrammeView.of(plan, source), entries));
        }
    }
}

package io.innopoints.sink.credit;

import io.innopoints.sink.access.AccessDenied;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.access.Role;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.release.ReleasedCohort;
import io.innopoints.schemas.release.ReleasedEntry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured programmes and their plans on the live ranking, narrowed to who may see them: a bank its own
 * programmes (same bank id), a zone admin those of its zones; nobody else.
 */
public final class CreditService {
    private final List<CreditProgramme> programmes;
    private final LiveRanking ranking;

    public CreditService(List<CreditProgramme> programmes, LiveRanking ranking) {
        this.programmes = List.copyOf(programmes);
        this.ranking = ranking;
    }

    public List<CreditProgramme> programmes() {
        return programmes;
    }

    public Optional<CreditProgramme> programme(String id) {
        return programmes.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Whether a principal may read a programme's allocation. */
    public static boolean mayRead(Principal principal, CreditProgramme p) {
        if (principal.is(Role.BANK)) {
            return p.bankId().equals(principal.bankId());
        }
        return principal.is(Role.ZONE_ADMIN) && principal.administers(p.zone());
    }

    public List<CreditProgramme> visibleTo(Principal principal) {
        return programmes.stream().filter(p -> mayRead(principal, p)).toList();
    }

    /** The plan of a programme the principal may read; 403 otherwise (the caller answers 404 for an unknown id). */
    public CreditPlan plan(Principal principal, CreditProgramme p) throws SQLException {
        if (!mayRead(principal, p)) {
            throw AccessDenied.forbidden("credit programme " + p.id() + " is not "
                    + (principal.is(Role.BANK) ? "run by bank " + principal.bankId() : "of the zones of " + principal.subject()));
        }
        return plan(p);
    }

    /**
     * The plan of a programme the principal may read on an official period release instead of the live ranking:
     * the release's cohorts of the programme's zone ({@link #entries}).
     */
    public CreditPlan plan(Principal principal, CreditProgramme p, PeriodRelease release) throws SQLException {
        plan(principal, p); // the same access decision (403) as the live plan
        return CreditPlan.compute(p, entries(release, p.zone()));
    }

    /**
     * A release's members of a zone's cohorts as ranked entries: the released rank, tier, total and penalty mark, and
     * the members strictly below from the cohort's released order.
     */
    public static List<RankedEntry> entries(PeriodRelease release, String zone) {
        List<RankedEntry> out = new ArrayList<>();
        for (ReleasedCohort c : release.getCohorts()) {
            String[] parts = c.getCohortId().split(":", 3);
            if (parts.length != 3 || !parts[0].equals("zone") || !parts[1].equals(zone)) {
                continue;
            }
            List<ReleasedEntry> members = c.getMembers();
            int i = 0;
            while (i < members.size()) {
                int j = i;
                while (j < members.size() && members.get(j).getTotalCents() == members.get(i).getTotalCents()) {
                    j++;
                }
                for (int k = i; k < j; k++) {
                    ReleasedEntry e = members.get(k);
                    out.add(new RankedEntry(e.getCreditCode(), e.getName(), zone, c.getStage(), c.getCohortId(),
                            e.getRank(), members.size(), members.size() - j, e.getTier(), e.getTotalCents() / 100.0,
                            e.getPenalised()));
                }
                i = j;
            }
        }
        return out;
    }

    /** The plan on the live ranking now. */
    public CreditPlan plan(CreditProgramme p) throws SQLException {
        return CreditPlan.compute(p, ranking.zone(p.zone()));
    }
}

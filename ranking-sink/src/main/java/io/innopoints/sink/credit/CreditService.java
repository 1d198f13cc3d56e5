package io.innopoints.sink.credit;

import io.innopoints.sink.access.AccessDenied;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.access.Role;
import java.sql.SQLException;
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

    /** The plan on the live ranking now. */
    public CreditPlan plan(CreditProgramme p) throws SQLException {
        return CreditPlan.compute(p, ranking.zone(p.zone()));
    }
}

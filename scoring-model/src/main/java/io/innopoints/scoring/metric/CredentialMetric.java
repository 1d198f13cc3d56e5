package io.innopoints.scoring.metric;

import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.scoring.profile.CredentialState;
import io.innopoints.scoring.profile.FactView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Credentials of one category (optionally restricted to kinds, levels and grades) that count on the as-of day —
 * valid by their interval {@code [validFrom, end)} and, when {@code years > 0}, granted (validFrom) within the last
 * {@code years} years. Aggregates: COUNT (items), VALID (1 when any counts, else 0; yes/no) and AMOUNT (sum of
 * amountFen in 10k CNY, e.g. equity financing received).
 */
public final class CredentialMetric implements ItemMetric {

    public enum Aggregate { COUNT, VALID, AMOUNT }

    private final String id;
    private final Aggregate aggregate;
    private final CredentialCategory category;
    private final Set<String> kinds;
    private final Set<CredentialLevel> levels;
    private final Set<String> grades;
    private final int years;

    public CredentialMetric(String id, Aggregate aggregate, CredentialCategory category, List<String> kinds,
                            List<CredentialLevel> levels, List<String> grades, int years) {
        this.id = id;
        this.aggregate = aggregate;
        this.category = category;
        this.kinds = Set.copyOf(kinds);
        this.levels = levels.isEmpty() ? EnumSet.allOf(CredentialLevel.class) : EnumSet.copyOf(levels);
        this.grades = Set.copyOf(grades);
        this.years = years;
    }

    @Override
    public String describe() {
        return id + "{category=" + category + (kinds.isEmpty() ? "" : ", kinds=" + new TreeSet<>(kinds))
                + (levels.size() == CredentialLevel.values().length ? "" : ", levels=" + levels)
                + (grades.isEmpty() ? "" : ", grades=" + new TreeSet<>(grades))
                + (years > 0 ? ", years=" + years : "") + "}";
    }

    @Override
    public Unit unit() {
        return switch (aggregate) {
            case COUNT -> Unit.ITEMS;
            case VALID -> Unit.FLAG;
            case AMOUNT -> Unit.TEN_THOUSAND_CNY;
        };
    }

    private boolean matches(CredentialState c) {
        return c.category() == category && (kinds.isEmpty() || kinds.contains(c.kind())) && levels.contains(c.level())
                && (grades.isEmpty() || c.grade() != null && grades.contains(c.grade()));
    }

    private boolean counts(CredentialState c, LocalDate day) {
        return matches(c) && c.validOn(day) && Dates.inWindow(c.validFrom(), day, years);
    }

    @Override
    public List<CredentialState> items(FactView view) {
        List<CredentialState> out = new ArrayList<>();
        for (CredentialState c : view.facts().credentials()) {
            if (counts(c, view.day())) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public double value(FactView view) {
        LocalDate day = view.day();
        FenSum fen = new FenSum();
        int count = 0;
        for (CredentialState c : view.facts().credentials()) {
            if (counts(c, day)) {
                count++;
                fen.add(c.amountFen());
            }
        }
        return switch (aggregate) {
            case COUNT -> count;
            case VALID -> count > 0 ? 1.0 : 0.0;
            case AMOUNT -> Unit.fenToTenThousandCny(fen.total());
        };
    }

    @Override
    public LocalDate nextChange(FactView view) {
        LocalDate day = view.day();
        LocalDate best = null;
        for (CredentialState c : view.facts().credentials()) {
            if (matches(c)) {
                best = Dates.windowEdgeAfter(best, c.validFrom(), day, years);
                best = Dates.earliestAfter(best, c.end(), day);
            }
        }
        return best;
    }
}

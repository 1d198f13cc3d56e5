package io.innopoints.scoring.metric;

import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.scoring.profile.FactView;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Patent counts (items) on the as-of day, over patents of the configured types:
 * <ul>
 *   <li>{@code HELD}: patents in force and held — the last legal event dated on or before the day (order: actionDate,
 *       eventTime, eventId; FILED ignored) is GRANTED or TRANSFERRED_IN (not REVOKED, EXPIRED or TRANSFERRED_OUT);</li>
 *   <li>{@code GRANTED_IN_WINDOW}: patents with a GRANTED event dated within the last {@code years} years;</li>
 *   <li>{@code FILED_IN_WINDOW}: patents with a FILED event dated within the last {@code years} years.</li>
 * </ul>
 * A window of N years counts a date d on days in [d, d + N years).
 */
public final class PatentMetric implements Metric {

    public enum Kind { HELD, GRANTED_IN_WINDOW, FILED_IN_WINDOW }

    private final String id;
    private final Kind kind;
    private final Set<PatentType> types;
    private final int years;

    public PatentMetric(String id, Kind kind, List<PatentType> types, int years) {
        this.id = id;
        this.kind = kind;
        this.types = types.isEmpty() ? EnumSet.allOf(PatentType.class) : EnumSet.copyOf(types);
        this.years = years;
    }

    @Override
    public String describe() {
        return id + "{types=" + types + (kind == Kind.HELD ? "" : ", years=" + years) + "}";
    }

    @Override
    public Unit unit() {
        return Unit.ITEMS;
    }

    @Override
    public double value(FactView view) {
        LocalDate day = view.day();
        int count = 0;
        for (List<PatentEvent> events : view.facts().patents()) {
            if (kind == Kind.HELD) {
                PatentEvent last = null;
                for (PatentEvent e : events) {
                    if (e.getActionDate().isAfter(day)) {
                        break;
                    }
                    if (e.getAction() != PatentAction.FILED) {
                        last = e;
                    }
                }
                if (last != null && types.contains(last.getPatentType())
                        && (last.getAction() == PatentAction.GRANTED || last.getAction() == PatentAction.TRANSFERRED_IN)) {
                    count++;
                }
            } else {
                PatentAction wanted = kind == Kind.GRANTED_IN_WINDOW ? PatentAction.GRANTED : PatentAction.FILED;
                for (PatentEvent e : events) {
                    if (e.getAction() == wanted && types.contains(e.getPatentType())
                            && Dates.inWindow(e.getActionDate(), day, years)) {
                        count++;
                        break;
                    }
                }
            }
        }
        return count;
    }

    @Override
    public LocalDate nextChange(FactView view) {
        LocalDate day = view.day();
        LocalDate best = null;
        for (List<PatentEvent> events : view.facts().patents()) {
            for (PatentEvent e : events) {
                best = kind == Kind.HELD ? Dates.earliestAfter(best, e.getActionDate(), day)
                        : Dates.windowEdgeAfter(best, e.getActionDate(), day, years);
            }
        }
        return best;
    }
}

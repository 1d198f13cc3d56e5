package io.innopoints.sink.store;

import java.util.List;
import java.util.Set;

/**
 * Which enterprises' rows a query may return: all, those of some zones, or one enterprise's. Appended to the SQL as
 * a condition so limits and pages count only visible rows.
 *
 * @param zones      null = every zone; otherwise only these (empty = none)
 * @param creditCode null = any enterprise; otherwise only this one
 */
public record RowScope(Set<String> zones, String creditCode) {
    public RowScope {
        zones = zones == null ? null : Set.copyOf(zones);
    }

    public static RowScope all() {
        return new RowScope(null, null);
    }

    public static RowScope zones(Set<String> zones) {
        return new RowScope(zones, null);
    }

    public static RowScope enterprise(String creditCode) {
        return new RowScope(null, creditCode);
    }

    public static RowScope none() {
        return new RowScope(Set.of(), null);
    }

    /**
     * Appends {@code AND …} for a table with a {@code credit_code} column; {@code zoneColumn} is the table's zone
     * column, or null when the zone must be looked up in {@code enterprise_score}.
     */
    public void appendTo(StringBuilder sql, List<Object> args, String zoneColumn) {
        if (zones != null) {
            if (zones.isEmpty()) {
                sql.append(" AND 1 = 0");
            } else {
                String marks = String.join(", ", zones.stream().map(z -> "?").toList());
                sql.append(zoneColumn != null ? " AND " + zoneColumn + " IN (" + marks + ")"
                        : " AND credit_code IN (SELECT credit_code FROM enterprise_score WHERE zone IN (" + marks + "))");
                args.addAll(zones.stream().sorted().toList());
            }
        }
        if (creditCode != null) {
            sql.append(" AND credit_code = ?");
            args.add(creditCode);
        }
    }
}

package io.innopoints.sink.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may read what on the read side (see the access table of the module README): a zone administrator (everything
 * of their zones), an operator (lag, health, metrics, dead letters; no enterprise data), a bank (scores, ranks, tiers,
 * credit candidates; raw financial values only with the enterprise's consent), an enterprise (its own record) and
 * the public (published leaderboards).
 */
public enum Role {
    ZONE_ADMIN("zone-admin"),
    OPERATOR("operator"),
    BANK("bank"),
    ENTERPRISE("enterprise"),
    PUBLIC("public");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The role as configuration and tokens spell it ({@code zone-admin}, …). */
    public String id() {
        return id;
    }

    public static Optional<Role> byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
    }

    /** The ids, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Role::id).toList().toString();
    }
}

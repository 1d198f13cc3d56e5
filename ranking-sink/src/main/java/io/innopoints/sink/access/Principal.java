package io.innopoints.sink.access;

import java.util.Set;

/**
 * Who a request acts for: a subject (the configured principal id or the JWT subject), a role, and what the role is
 * scoped to — the zones of a zone admin ({@value #ALL_ZONES} = every zone), the bank id of a bank, the credit code
 * of an enterprise. A request without a token acts as {@link #anonymous()}.
 */
public record Principal(String subject, Role role, Set<String> zones, String bankId, String creditCode) {
    /** The zone entry that stands for every zone. */
    public static final String ALL_ZONES = "*";

    public Principal {
        zones = Set.copyOf(zones);
        if (role == Role.ZONE_ADMIN && zones.isEmpty()) {
            throw new IllegalArgumentException(subject + ": a zone admin needs at least one zone (or " + ALL_ZONES + ")");
        }
        if (role == Role.BANK && (bankId == null || bankId.isBlank())) {
            throw new IllegalArgumentException(subject + ": a bank principal needs a bank id");
        }
        if (role == Role.ENTERPRISE && (creditCode == null || creditCode.isBlank())) {
            throw new IllegalArgumentException(subject + ": an enterprise principal needs a credit code");
        }
    }

    private static final Principal ANONYMOUS = new Principal("anonymous", Role.PUBLIC, Set.of(), null, null);

    public static Principal anonymous() {
        return ANONYMOUS;
    }

    public boolean is(Role r) {
        return role == r;
    }

    /** A zone admin of every zone. */
    public boolean allZones() {
        return role == Role.ZONE_ADMIN && zones.contains(ALL_ZONES);
    }

    /** Whether a zone admin administers this zone. */
    public boolean administers(String zone) {
        return role == Role.ZONE_ADMIN && (zones.contains(ALL_ZONES) || zones.contains(zone));
    }

    /**
     * Whether this principal may read the record of an enterprise of {@code zone}: its zone admin, any bank, the
     * enterprise itself.
     */
    public boolean mayRead(String creditCode, String zone) {
        return switch (role) {
            case ZONE_ADMIN -> administers(zone);
            case BANK -> true;
            case ENTERPRISE -> this.creditCode.equals(creditCode);
            default -> false;
        };
    }

    /** Whether this principal may change what an enterprise shares (what-if, consents): its zone admin or itself. */
    public boolean mayAct(String creditCode, String zone) {
        return role == Role.ZONE_ADMIN ? administers(zone) : role == Role.ENTERPRISE && this.creditCode.equals(creditCode);
    }
}

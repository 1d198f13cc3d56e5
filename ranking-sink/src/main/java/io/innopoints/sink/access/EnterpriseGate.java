package io.innopoints.sink.access;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Checks a principal against one enterprise before a handler reads or acts on it: reading (record, history) is for
 * its zone admin, any bank and the enterprise itself; acting (what-if, consents) for its zone admin and itself. An
 * unknown enterprise passes (the handler answers 404) except for an enterprise principal asking about another.
 */
public final class EnterpriseGate {
    /** The zone of a stored enterprise. */
    @FunctionalInterface
    public interface ZoneLookup {
        Optional<String> zoneOf(String creditCode) throws SQLException;
    }

    private final ZoneLookup zones;

    public EnterpriseGate(ZoneLookup zones) {
        this.zones = zones;
    }

    public void requireRead(Principal p, String creditCode) throws SQLException {
        if (p.is(Role.BANK)) {
            return;
        }
        require(p, creditCode, "read");
    }

    public void requireAct(Principal p, String creditCode) throws SQLException {
        require(p, creditCode, "act for");
    }

    private void require(Principal p, String creditCode, String what) throws SQLException {
        switch (p.role()) {
            case ENTERPRISE -> {
                if (!p.creditCode().equals(creditCode)) {
                    throw AccessDenied.forbidden("an enterprise may only " + what + " itself");
                }
            }
            case ZONE_ADMIN -> {
                if (p.allZones()) {
                    return;
                }
                Optional<String> zone = zones.zoneOf(creditCode);
                if (zone.isPresent() && !p.administers(zone.get())) {
                    throw AccessDenied.forbidden("enterprise " + creditCode + " is not in the zones of " + p.subject());
                }
            }
            default -> throw AccessDenied.forbidden("role " + p.role().id() + " may not " + what + " an enterprise");
        }
    }
}

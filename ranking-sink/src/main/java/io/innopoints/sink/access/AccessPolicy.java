package io.innopoints.sink.access;

/**
 * Which role may call which {@link Endpoint}: the declarations, with the one configured exception —
 * {@code access.metrics.public} opens {@code /metrics} to everyone (Prometheus scrapers usually carry no token).
 */
public record AccessPolicy(boolean metricsPublic) {

    public boolean allows(Endpoint endpoint, Role role) {
        return endpoint.roles().contains(role) || endpoint == Endpoint.METRICS && metricsPublic;
    }

    /** Whether a request without a token may call it. */
    public boolean open(Endpoint endpoint) {
        return allows(endpoint, Role.PUBLIC);
    }

    /**
     * The README's access table: one row per endpoint, one column per role (✓ allowed, — refused: 401 without a
     * token, 403 with one), and what the roles see. Generated from the declarations with {@code /metrics} shown
     * protected (its default is open: {@code access.metrics.public=true}).
     */
    public static String markdownTable() {
        AccessPolicy declared = new AccessPolicy(false);
        StringBuilder out = new StringBuilder("| route |");
        for (Role r : Role.values()) {
            out.append(' ').append(r.id()).append(" |");
        }
        out.append(" what each allowed role sees |\n|---|");
        out.append("---|".repeat(Role.values().length)).append("---|\n");
        for (Endpoint e : Endpoint.values()) {
            out.append("| `").append(e.method()).append(' ').append(e.path()).append("` |");
            for (Role r : Role.values()) {
                out.append(declared.allows(e, r) ? " ✓ |" : " — |");
            }
            out.append(' ').append(e.scope()).append(" |\n");
        }
        return out.toString();
    }
}

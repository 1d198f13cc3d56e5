package io.innopoints.sink.access;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.config.ConfigException;
import io.innopoints.schemas.config.KeyFamily;
import io.innopoints.schemas.config.Settings;
import io.innopoints.schemas.http.BearerTokens;
import io.innopoints.sink.config.SinkOptions;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The read side's access configuration: the static principals ({@code principal.<id>.token-sha256|role|zones|bank|
 * credit-code}), the identity provider's JWT settings (null when {@code access.jwt.jwks.url} is empty) and whether
 * {@code /metrics} is public. Parsed once at start-up; a bad principal fails with its key.
 */
public record AccessConfig(List<StaticTokens.Grant> grants, JwtSettings jwt, boolean metricsPublic) {
    public AccessConfig {
        grants = List.copyOf(grants);
    }

    public AccessPolicy policy() {
        return new AccessPolicy(metricsPublic);
    }

    public static AccessConfig from(Settings s) {
        return new AccessConfig(grants(s.raw()), jwt(s), s.get(SinkOptions.ACCESS_METRICS_PUBLIC));
    }

    private static JwtSettings jwt(Settings s) {
        String url = s.get(SinkOptions.ACCESS_JWT_JWKS_URL);
        if (url.isEmpty()) {
            return null;
        }
        String issuer = s.get(SinkOptions.ACCESS_JWT_ISSUER);
        if (issuer.isBlank()) {
            throw new ConfigException(SinkOptions.ACCESS_JWT_ISSUER.key(), "is required when "
                    + SinkOptions.ACCESS_JWT_JWKS_URL.key() + " is set (tokens of any issuer would pass)");
        }
        try {
            return new JwtSettings(URI.create(url).toURL(), issuer, s.get(SinkOptions.ACCESS_JWT_AUDIENCE),
                    s.get(SinkOptions.ACCESS_JWT_CLOCK_SKEW_MS),
                    Arrays.stream(s.get(SinkOptions.ACCESS_JWT_ALGORITHMS).split(",")).map(String::trim).toList(),
                    s.get(SinkOptions.ACCESS_JWT_CLAIM_ROLE), s.get(SinkOptions.ACCESS_JWT_CLAIM_ZONES),
                    s.get(SinkOptions.ACCESS_JWT_CLAIM_BANK), s.get(SinkOptions.ACCESS_JWT_CLAIM_CREDIT_CODE));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new ConfigException(SinkOptions.ACCESS_JWT_JWKS_URL.key(), "is not a URL: " + e.getMessage());
        }
    }

    private static List<StaticTokens.Grant> grants(Map<String, String> raw) {
        Map<String, Map<String, String>> byId = new TreeMap<>();
        for (String attribute : SinkOptions.PRINCIPAL_ATTRIBUTES) {
            Pattern key = KeyFamily.idKey(SinkOptions.PRINCIPAL, attribute);
            raw.forEach((k, v) -> {
                Matcher m = key.matcher(k);
                if (m.matches()) {
                    byId.computeIfAbsent(m.group(1), id -> new HashMap<>()).put(attribute, v.trim());
                }
            });
        }
        List<StaticTokens.Grant> grants = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        byId.forEach((id, attributes) -> {
            StaticTokens.Grant grant = grant(id, attributes);
            grant.tokenSha256().forEach(h -> {
                String previous = owner.put(h, id);
                if (previous != null) {
                    throw new ConfigException(key(id, "token-sha256"), "the same token hash is also configured for principal " + previous);
                }
            });
            grants.add(grant);
        });
        return grants;
    }

    private static StaticTokens.Grant grant(String id, Map<String, String> a) {
        String hashes = required(id, a, "token-sha256");
        List<String> parsed;
        try {
            parsed = BearerTokens.parseHashes(hashes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key(id, "token-sha256"), e.getMessage());
        }
        String roleId = required(id, a, "role");
        Role role = Role.byId(roleId).orElseThrow(() -> new ConfigException(key(id, "role"),
                "unknown role '" + roleId + "'; expected one of " + Role.ids()));
        Set<String> zones = Set.of();
        String bank = null;
        String creditCode = null;
        switch (role) {
            case ZONE_ADMIN -> zones = Arrays.stream(required(id, a, "zones").split(",")).map(String::trim)
                    .filter(z -> !z.isEmpty()).collect(Collectors.toSet());
            case BANK -> bank = required(id, a, "bank");
            case ENTERPRISE -> {
                creditCode = required(id, a, "credit-code");
                String code = creditCode;
                CreditCode.problem(code).ifPresent(p -> {
                    throw new ConfigException(key(id, "credit-code"), p);
                });
            }
            default -> { }
        }
        try {
            return new StaticTokens.Grant(new Principal(id, role, zones, bank, creditCode), parsed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key(id, "role"), e.getMessage());
        }
    }

    private static String required(String id, Map<String, String> a, String attribute) {
        String v = a.get(attribute);
        if (v == null || v.isBlank()) {
            throw new ConfigException(key(id, attribute), "is required for principal " + id
                    + (attribute.equals("token-sha256") || attribute.equals("role") ? "" : " with role " + a.get("role")));
        }
        return v;
    }

    private static String key(String id, String attribute) {
        return SinkOptions.PRINCIPAL + "." + id + "." + attribute;
    }
}

package io.innopoints.ingest.domain;

import io.innopoints.ingest.config.ProviderGrant;
import io.innopoints.schemas.http.BearerTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * From a bearer token to the provider it belongs to: tokens are never stored, only their SHA-256 hashes from the
 * configuration, so the lookup hashes the presented token and finds its grant.
 */
public final class Authenticator {
    private final Map<String, ProviderGrant> byHash = new HashMap<>();

    public Authenticator(Iterable<ProviderGrant> grants) {
        for (ProviderGrant grant : grants) {
            grant.tokenSha256().forEach(h -> byHash.put(h, grant));
        }
    }

    public Optional<ProviderGrant> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256Hex(token)));
    }

    /** Lower-case hex SHA-256 of a token's UTF-8 bytes: what goes into {@code provider.<id>.token-sha256}. */
    public static String sha256Hex(String token) {
        return BearerTokens.sha256Hex(token);
    }
}

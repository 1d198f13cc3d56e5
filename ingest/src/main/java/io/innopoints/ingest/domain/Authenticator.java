package io.innopoints.ingest.domain;

import io.innopoints.ingest.config.ProviderGrant;
import io.innopoints.schemas.http.HashedTokens;
import java.util.Optional;

/**
 * From a bearer token to the provider it belongs to: tokens are never stored, only their SHA-256 hashes from the
 * configuration ({@link HashedTokens}).
 */
public final class Authenticator {
    private final HashedTokens<ProviderGrant> tokens;

    public Authenticator(Iterable<ProviderGrant> grants) {
        this.tokens = new HashedTokens<>(grants, ProviderGrant::tokenSha256);
    }

    public Optional<ProviderGrant> authenticate(String token) {
        return tokens.grantOf(token);
    }
}

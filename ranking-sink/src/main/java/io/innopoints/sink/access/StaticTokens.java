package io.innopoints.sink.access;

import io.innopoints.schemas.http.HashedTokens;
import java.util.List;
import java.util.Optional;

/**
 * Hashed static tokens, as ingest keeps its providers': the configuration holds the SHA-256 of each principal's
 * tokens ({@code principal.<id>.token-sha256}, several for rotation), a presented token is hashed and looked up.
 */
public final class StaticTokens {
    /** A configured principal and the hashes of its tokens. */
    public record Grant(Principal principal, List<String> tokenSha256) {
        public Grant {
            tokenSha256 = List.copyOf(tokenSha256);
        }
    }

    private final HashedTokens<Grant> tokens;

    public StaticTokens(List<Grant> grants) {
        this.tokens = new HashedTokens<>(grants, Grant::tokenSha256);
    }

    public Optional<Principal> verify(String token) {
        return tokens.grantOf(token).map(Grant::principal);
    }
}

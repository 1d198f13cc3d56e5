package io.innopoints.sink.access;

import io.innopoints.schemas.http.BearerTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final Map<String, Principal> byHash = new HashMap<>();

    public StaticTokens(List<Grant> grants) {
        for (Grant g : grants) {
            g.tokenSha256().forEach(h -> byHash.put(h, g.principal()));
        }
    }

    public Optional<Principal> verify(String token) {
        return Optional.ofNullable(byHash.get(BearerTokens.sha256Hex(token)));
    }
}

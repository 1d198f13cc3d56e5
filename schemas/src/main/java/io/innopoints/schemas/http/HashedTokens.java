package io.innopoints.schemas.http;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lookup behind static bearer tokens in every InnoPoints HTTP API: each grant (ingest's provider, the sink's
 * principal) with the SHA-256 hashes of its tokens; a presented token is hashed ({@link BearerTokens#sha256Hex}) and
 * found, so no token is ever stored.
 *
 * @param <G> the grant a token stands for
 */
public final class HashedTokens<G> {
    private final Map<String, G> byHash = new HashMap<>();

    public HashedTokens(Iterable<? extends G> grants, Function<? super G, ? extends Collection<String>> hashes) {
        for (G grant : grants) {
            hashes.apply(grant).forEach(h -> byHash.put(h, grant));
        }
    }

    /** The grant of a token; empty for an unknown, null or empty one. */
    public Optional<G> grantOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(BearerTokens.sha256Hex(token)));
    }
}

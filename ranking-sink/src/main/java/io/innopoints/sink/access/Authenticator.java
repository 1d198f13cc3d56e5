package io.innopoints.sink.access;

import java.util.Optional;

/**
 * From a bearer token to a principal: a JWT (three dot-separated parts) is validated against the identity provider
 * when one is configured, any other token is looked up among the hashed static tokens. Empty = the token is not
 * valid (unknown, expired, wrong issuer or audience, bad signature …).
 */
public final class Authenticator {
    private final StaticTokens staticTokens;
    private final JwtVerifier jwt;

    /** {@code jwt} null when no identity provider is configured. */
    public Authenticator(StaticTokens staticTokens, JwtVerifier jwt) {
        this.staticTokens = staticTokens;
        this.jwt = jwt;
    }

    public static Authenticator of(AccessConfig config) {
        return new Authenticator(new StaticTokens(config.grants()),
                config.jwt() == null ? null : new JwtVerifier(config.jwt()));
    }

    public Optional<Principal> authenticate(String token) {
        if (jwt != null && JwtVerifier.looksLikeJwt(token)) {
            return jwt.verify(token);
        }
        return staticTokens.verify(token);
    }
}

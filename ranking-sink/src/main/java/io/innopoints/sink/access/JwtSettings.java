package io.innopoints.sink.access;

import java.net.URL;
import java.time.Duration;
import java.util.List;

/**
 * How to validate JWTs from an identity provider: its JWKS URL, the required issuer and audience (audience empty =
 * not checked), the tolerated clock skew, the accepted JWS algorithms, and which claims carry the role, the zones
 * of a zone admin, the bank id and the credit code.
 */
public record JwtSettings(URL jwksUrl, String issuer, String audience, Duration clockSkew, List<String> algorithms,
                          String roleClaim, String zonesClaim, String bankClaim, String creditCodeClaim) {
    public JwtSettings {
        algorithms = List.copyOf(algorithms);
    }
}

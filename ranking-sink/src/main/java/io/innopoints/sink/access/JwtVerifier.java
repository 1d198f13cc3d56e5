package io.innopoints.sink.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a JWT from the identity provider (Nimbus JOSE+JWT): signature by a key of the provider's JWKS (fetched
 * and cached by Nimbus, refetched for an unknown key id), one of the configured algorithms, the issuer, the audience,
 * expiry and not-before with the configured clock skew, and the role claim; then maps the claims to a
 * {@link Principal}. Any failure is an empty answer (the API says 401; the reason goes to the debug log).
 */
public final class JwtVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);

    private final JwtSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtVerifier(JwtSettings settings) {
        this(settings, JWKSourceBuilder.create(settings.jwksUrl()).build());
    }

    JwtVerifier(JwtSettings settings, JWKSource<SecurityContext> keys) {
        this.settings = settings;
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        settings.algorithms().forEach(a -> algorithms.add(JWSAlgorithm.parse(a)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience().isEmpty() ? null : settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("sub", "exp", settings.roleClaim()));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Whether a token looks like a JWS (three base64url parts), so static tokens need not be tried as JWTs. */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    public Optional<Principal> verify(String token) {
        try {
            return Optional.of(principal(processor.process(token, null)));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            LOG.debug("JWT refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Principal principal(JWTClaimsSet claims) throws ParseException {
        String roleId = claims.getStringClaim(settings.roleClaim());
        Role role = Role.byId(roleId).orElseThrow(() -> new IllegalArgumentException(
                "claim " + settings.roleClaim() + ": unknown role '" + roleId + "', expected one of " + Role.ids()));
        return new Principal(claims.getSubject(), role, strings(claims.getClaim(settings.zonesClaim())),
                claims.getStringClaim(settings.bankClaim()), claims.getStringClaim(settings.creditCodeClaim()));
    }

    /** A claim holding a list of strings or one comma-separated string. */
    private static Set<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o).trim()));
        } else if (claim instanceof String s) {
            for (String part : s.split(",")) {
                out.add(part.trim());
            }
        }
        out.removeIf(String::isEmpty);
        return Set.copyOf(out);
    }
}

package io.innopoints.sink.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.innopoints.sink.app.HttpAssembly;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.http.LiveFeed;
import io.innopoints.sink.http.ReadApi;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;
import io.innopoints.sink.whatif.ModelCatalog;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWTs of an identity provider: RSA and EC keys minted here, their public JWKS served by a test HTTP server, tokens
 * checked for signature, algorithm, issuer, audience, expiry with clock skew and the role claim.
 */
@Timeout(60)
class JwtVerifierTest {
    static final String ISSUER = "https://idp.test/realms/innopoints";
    static final String AUDIENCE = "innopoints-read";

    static RSAKey rsa;
    static ECKey ec;
    static RSAKey stranger;
    static HttpServer jwks;
    static JwtSettings settings;

    @BeforeAll
    static void startIdentityProvider() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, not the provider's key
        byte[] body = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        settings = new JwtSettings(URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks").toURL(),
                ISSUER, AUDIENCE, Duration.ofSeconds(30), List.of("RS256", "ES256"), "innopoints_role",
                "innopoints_zones", "innopoints_bank", "innopoints_credit_code");
    }

    @AfterAll
    static void stopIdentityProvider() {
        jwks.stop(0);
    }

    static String token(JWSSigner signer, JWSAlgorithm alg, String kid, Consumer<JWTClaimsSet.Builder> claims)
            throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).issueTime(new Date())
                .claim("innopoints_role", "zone-admin").claim("innopoints_zones", List.of("ZONE-A", "ZONE-B"));
        claims.accept(b);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), b.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    static String rsaToken(Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        return token(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims);
    }

    final JwtVerifier verifier = new JwtVerifier(settings);

    @Test
    void shouldAcceptAnRsaSignedTokenAndMapItsClaims() throws Exception {
        Optional<Principal> p = verifier.verify(rsaToken(c -> { }));

        assertThat(p).hasValueSatisfying(principal -> {
            assertThat(principal.subject()).isEqualTo("alice");
            assertThat(principal.role()).isEqualTo(Role.ZONE_ADMIN);
            assertThat(principal.zones()).containsExactlyInAnyOrder("ZONE-A", "ZONE-B");
        });
    }

    @Test
    void shouldAcceptAnEcSignedTokenWithBankAndCommaSeparatedClaims() throws Exception {
        String bank = token(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1",
                c -> c.claim("innopoints_role", "bank").claim("innopoints_bank", "icbc").claim("innopoints_zones", null));
        String admin = token(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", c -> c.claim("innopoints_zones", "ZONE-A, ZONE-C"));

        assertThat(verifier.verify(bank)).hasValueSatisfying(p -> assertThat(p.bankId()).isEqualTo("icbc"));
        assertThat(verifier.verify(admin)).hasValueSatisfying(p ->
                assertThat(p.zones()).containsExactlyInAnyOrder("ZONE-A", "ZONE-C"));
    }

    @Test
    void shouldRefuseWrongIssuerAudienceSignatureAlgorithmAndRole() throws Exception {
        assertThat(verifier.verify(rsaToken(c -> c.issuer("https://evil.test")))).as("issuer").isEmpty();
        assertThat(verifier.verify(rsaToken(c -> c.audience("other-api")))).as("audience").isEmpty();
        assertThat(verifier.verify(token(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1", c -> { })))
                .as("signed by a key not in the JWKS").isEmpty();
        assertThat(verifier.verify(token(new MACSigner(new byte[32]), JWSAlgorithm.HS256, "rsa-1", c -> { })))
                .as("a symmetric algorithm").isEmpty();
        assertThat(verifier.verify(rsaToken(c -> c.claim("innopoints_role", null)))).as("no role").isEmpty();
        assertThat(verifier.verify(rsaToken(c -> c.claim("innopoints_role", "root")))).as("unknown role").isEmpty();
        assertThat(verifier.verify(rsaToken(c -> c.claim("innopoints_zones", null)))).as("admin without zones").isEmpty();
        assertThat(verifier.verify("a.b.c")).as("garbage").isEmpty();
    }

    @Test
    void shouldHonourExpiryWithTheConfiguredClockSkew() throws Exception {
        String withinSkew = rsaToken(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(10))));
        String beyondSkew = rsaToken(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))));
        String notYet = rsaToken(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120))));
        String noExpiry = rsaToken(c -> c.expirationTime(null));

        assertThat(verifier.verify(withinSkew)).isPresent();
        assertThat(verifier.verify(beyondSkew)).isEmpty();
        assertThat(verifier.verify(notYet)).isEmpty();
        assertThat(verifier.verify(noExpiry)).isEmpty();
    }

    @Test
    void shouldAuthorizeHttpRequestsByTheTokensRole(@TempDir Path dir) throws Exception {
        Database db = TestDatabases.sqlite(dir);
        Javalin app = HttpAssembly.create(db.dataSource(), new LiveFeed(), LagReport::empty,
                () -> new ReadApi.Health(true, Map.of()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new AccessConfig(List.of(), settings, true), ModelCatalog.fromOption("")).start(0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String bank = rsaToken(c -> c.claim("innopoints_role", "bank").claim("innopoints_bank", "icbc"));
            String expired = rsaToken(c -> c.claim("innopoints_role", "bank").claim("innopoints_bank", "icbc")
                    .expirationTime(Date.from(Instant.now().minusSeconds(3600))));
            HttpRequest.Builder candidates = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.port() + "/api/v1/credit-candidates"));
            HttpRequest.Builder lag = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/v1/lag"));

            assertThat(http.send(candidates.copy().header("Authorization", "Bearer " + bank).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(lag.copy().header("Authorization", "Bearer " + bank).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            assertThat(http.send(candidates.copy().header("Authorization", "Bearer " + expired).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        } finally {
            app.stop();
            db.close();
        }
    }
}

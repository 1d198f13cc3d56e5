package io.innopoints.sink.access;

import io.innopoints.schemas.http.BearerTokens;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Runs before every matched route: finds its {@link Endpoint}, authenticates the bearer token (none = the public),
 * and refuses with 401 (no or an invalid token where the public may not call it; an invalid token, or an
 * {@code Authorization} header that is not {@code Bearer <token>}, is refused everywhere rather than served as public) or 403 (a valid token whose role may not call it). Stores the principal
 * for the handlers, which narrow rows and fields ({@link #principal}). Health is never authenticated.
 */
public final class AccessFilter {
    private static final String PRINCIPAL = "innopoints.principal";
    /** EventSource cannot set headers: the SSE route also takes the token as a query parameter. */
    public static final String TOKEN_PARAMETER = "access_token";

    private final Authenticator authenticator;
    private final AccessPolicy policy;

    public AccessFilter(Authenticator authenticator, AccessPolicy policy) {
        this.authenticator = authenticator;
        this.policy = policy;
    }

    /** The Javalin before-matched handler. */
    public void handle(Context ctx) {
        Optional<Endpoint> endpoint = Endpoint.find(ctx.method().name(), ctx.endpointHandlerPath(), ctx.path());
        if (endpoint.isEmpty()) {
            // a route without a declaration is a programming error; refuse rather than serve it open
            throw AccessDenied.forbidden("no access rule for " + ctx.method() + " " + ctx.endpointHandlerPath());
        }
        if (endpoint.get().unauthenticated()) {
            return;
        }
        Optional<String> token = token(ctx, endpoint.get());
        Principal principal;
        if (token.isEmpty()) {
            principal = Principal.anonymous();
        } else {
            principal = authenticator.authenticate(token.get()).orElseThrow(() ->
                    AccessDenied.unauthorized("the bearer token is not valid (unknown, expired or not for this service)"));
        }
        ctx.attribute(PRINCIPAL, principal);
        if (!policy.allows(endpoint.get(), principal.role())) {
            if (principal.is(Role.PUBLIC)) {
                throw AccessDenied.unauthorized("a token is required: Authorization: Bearer <token>");
            }
            throw AccessDenied.forbidden("role " + principal.role().id() + " may not call " + endpoint.get().method()
                    + " " + endpoint.get().path());
        }
    }

    private static Optional<String> token(Context ctx, Endpoint endpoint) {
        String authorization = ctx.header("Authorization");
        Optional<String> header = BearerTokens.fromHeader(authorization);
        if (header.isEmpty() && authorization != null && !authorization.isBlank()) {
            // credentials in another scheme ("Basic …", "Token …", a bare token): the caller believes it signed in, so
            // serving it the public view would hide its mistake
            throw AccessDenied.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        if (header.isPresent() || endpoint != Endpoint.STREAM) {
            return header;
        }
        String query = ctx.queryParam(TOKEN_PARAMETER);
        return query == null || query.isBlank() ? Optional.empty() : Optional.of(query.trim());
    }

    /** The principal of a request that passed the filter (the public when the route needed none). */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        return p == null ? Principal.anonymous() : p;
    }
}

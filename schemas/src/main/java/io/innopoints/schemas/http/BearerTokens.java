package io.innopoints.schemas.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Static bearer tokens as every InnoPoints HTTP API keeps them (ingest's providers, ranking-sink's principals): the
 * configuration holds only the lower-case hex SHA-256 of each token's UTF-8 bytes, a request's token is hashed and
 * looked up. One place for the hash, the configured-hash syntax, the {@code Authorization} header and new tokens.
 */
public final class BearerTokens {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BearerTokens() {
    }

    /** Lower-case hex SHA-256 of a token's UTF-8 bytes: what the configuration holds. */
    public static String sha256Hex(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * A configured list of comma-separated hashes (several allow rotation), lower-cased.
     *
     * @throws IllegalArgumentException naming the first value that is not 64 hex digits
     */
    public static List<String> parseHashes(String value) {
        List<String> hashes = new ArrayList<>();
        for (String h : value.split(",")) {
            String hash = h.trim().toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(hash).matches()) {
                throw new IllegalArgumentException("expected SHA-256 hashes as 64 hex digits, got '" + h.trim() + "'");
            }
            hashes.add(hash);
        }
        return hashes;
    }

    /** The token of an {@code Authorization: Bearer <token>} header; empty when absent, blank or another scheme. */
    public static Optional<String> fromHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** A new random token: 24 bytes from a {@link SecureRandom}, as 48 hex digits. */
    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

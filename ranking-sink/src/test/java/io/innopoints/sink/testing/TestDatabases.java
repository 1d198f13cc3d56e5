package io.innopoints.sink.testing;

import io.innopoints.sink.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases tests run against: a fresh SQLite file, or a fresh schema in the PostgreSQL at
 * {@code INNOPOINTS_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user/password from
 * {@code INNOPOINTS_TEST_PG_USER}/{@code INNOPOINTS_TEST_PG_PASSWORD}, default postgres/postgres). When PostgreSQL is
 * not reachable the test is skipped — except under {@code CI=true}, where it fails: CI must provide it.
 */
public final class TestDatabases {
    public static final String PG_URL = env("INNOPOINTS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String PG_USER = env("INNOPOINTS_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("INNOPOINTS_TEST_PG_PASSWORD", "postgres");

    private TestDatabases() {
    }

    public static String sqliteUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("sink-" + UUID.randomUUID() + ".db");
    }

    public static Database sqlite(Path dir) {
        return Database.open(sqliteUrl(dir), "", "", 4);
    }

    /** A JDBC URL of a new, empty PostgreSQL schema (dropped by {@link #dropPostgresSchema}). */
    public static String postgresSchemaUrl() {
        requirePostgres();
        String schema = "sink_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static Database postgres(String schemaUrl) {
        return Database.open(schemaUrl, PG_USER, PG_PASSWORD, 4);
    }

    public static void dropPostgresSchema(String schemaUrl) {
        String schema = schemaUrl.substring(schemaUrl.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Skips the calling test when PostgreSQL is unreachable, or fails it under CI=true. */
    public static void requirePostgres() {
        String problem = postgresProblem();
        if (problem == null) {
            return;
        }
        String message = "PostgreSQL not reachable at " + PG_URL + " as " + PG_USER + " (" + problem
                + "); set INNOPOINTS_TEST_PG_URL/_USER/_PASSWORD or start it (pg_ctlcluster 15 main start)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true requires PostgreSQL: " + message);
        }
        Assumptions.abort(message);
    }

    private static volatile String cachedProblem;
    private static volatile boolean probed;

    private static synchronized String postgresProblem() {
        if (!probed) {
            DriverManager.setLoginTimeout(3);
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                cachedProblem = null;
            } catch (SQLException e) {
                cachedProblem = e.getMessage();
            }
            probed = true;
        }
        return cachedProblem;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

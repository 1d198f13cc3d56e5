package io.innopoints.sink.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The read-model database: a small HikariCP pool over SQLite (a file, default) or PostgreSQL (by JDBC URL),
 * migrated by Flyway from {@code db/migration} (one SQL set for both) when opened.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final boolean sqlite;

    private Database(HikariDataSource dataSource, boolean sqlite) {
        this.dataSource = dataSource;
        this.sqlite = sqlite;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated, with the cause
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        if (!sqlite) {
            hikari.setUsername(user);
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("ranking-sink-db");
        hikari.setAutoCommit(true);
        hikari.setConnectionTimeout(10_000);
        if (sqlite) {
            createParentDirectory(jdbcUrl);
            // WAL lets the API read while the consumer writes; busy_timeout makes a second writer wait, not fail
            hikari.setConnectionInitSql("PRAGMA busy_timeout = 10000");
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException("cannot migrate " + jdbcUrl + ": " + rootMessage(e), e);
        }
        return new Database(ds, sqlite);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean sqlite() {
        return sqlite;
    }

    /** True when a connection can be taken and answers a trivial query. */
    public boolean healthy() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void createParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file:")) {
            return;
        }
        java.io.File parent = new java.io.File(path).getAbsoluteFile().getParentFile();
        if (parent != null && !parent.exists() && !parent.mkdirs()) {
            throw new IllegalStateException("cannot create directory " + parent + " for " + jdbcUrl);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}

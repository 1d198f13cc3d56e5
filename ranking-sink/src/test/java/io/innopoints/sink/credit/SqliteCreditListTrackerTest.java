package io.innopoints.sink.credit;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The credit-list outbox contract on SQLite files. */
class SqliteCreditListTrackerTest extends CreditListTrackerContract {
    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return TestDatabases.sqliteUrl(dir);
    }

    @Override
    Database open(String url) {
        return Database.open(url, "", "", 4);
    }

    @Override
    void dispose(String url) {
    }
}

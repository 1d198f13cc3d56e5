package io.innopoints.sink.store;

import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Materialized releases on SQLite (a temporary file per test). */
class SqliteReleaseStoreTest extends ReleaseStoreContract {
    @TempDir
    Path dir;

    @Override
    Database newDatabase() {
        return TestDatabases.sqlite(dir);
    }

    @Override
    void dispose(Database database) {
        database.close();
    }
}

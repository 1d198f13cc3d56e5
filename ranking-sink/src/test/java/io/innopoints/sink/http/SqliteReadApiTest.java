package io.innopoints.sink.http;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The read API on SQLite. */
class SqliteReadApiTest extends ReadApiContract {
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

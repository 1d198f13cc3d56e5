package io.innopoints.sink.store;

import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Ingest's dead letters on SQLite (a temporary file per test). */
class SqliteIngestRejectionsTest extends IngestRejectionsContract {
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

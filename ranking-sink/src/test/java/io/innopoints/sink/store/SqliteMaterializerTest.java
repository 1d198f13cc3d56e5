package io.innopoints.sink.store;

import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The materializer contract on SQLite (a temporary file per database). */
class SqliteMaterializerTest extends MaterializerContract {
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

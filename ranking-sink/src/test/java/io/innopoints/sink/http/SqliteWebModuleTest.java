package io.innopoints.sink.http;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;

class SqliteWebModuleTest extends WebModuleContract {
    @Override
    Database newDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @Override
    void dispose(Database database) {
        database.close();
    }
}

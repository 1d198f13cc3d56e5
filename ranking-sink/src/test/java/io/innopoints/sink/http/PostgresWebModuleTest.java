package io.innopoints.sink.http;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;

/** Skipped when PostgreSQL is unreachable (fails under CI=true), see {@link TestDatabases}. */
class PostgresWebModuleTest extends WebModuleContract {
    private String url;

    @Override
    Database newDatabase(Path dir) {
        url = TestDatabases.postgresSchemaUrl();
        return TestDatabases.postgres(url);
    }

    @Override
    void dispose(Database database) {
        database.close();
        TestDatabases.dropPostgresSchema(url);
    }
}

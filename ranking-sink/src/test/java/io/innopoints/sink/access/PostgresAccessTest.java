package io.innopoints.sink.access;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;

/** Access on PostgreSQL, including the consent migration (skipped when unreachable, failing under CI=true). */
class PostgresAccessTest extends AccessContract {
    private String url;

    @Override
    Database newDatabase() {
        url = TestDatabases.postgresSchemaUrl();
        return TestDatabases.postgres(url);
    }

    @Override
    void dispose(Database database) {
        database.close();
        TestDatabases.dropPostgresSchema(url);
    }
}

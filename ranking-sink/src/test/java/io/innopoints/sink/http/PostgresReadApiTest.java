package io.innopoints.sink.http;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;

/** The read API on PostgreSQL (skipped when unreachable, failing under CI=true). */
class PostgresReadApiTest extends ReadApiContract {
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

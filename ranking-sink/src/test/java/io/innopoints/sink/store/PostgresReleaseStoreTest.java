package io.innopoints.sink.store;

import io.innopoints.sink.testing.TestDatabases;

/** Materialized releases on PostgreSQL (a fresh schema per test; skipped when unreachable, failing under CI=true). */
class PostgresReleaseStoreTest extends ReleaseStoreContract {
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

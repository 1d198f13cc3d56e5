package io.innopoints.sink.credit;

import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;

/**
 * The credit-list outbox contract on PostgreSQL (a fresh schema per database); skipped when PostgreSQL is
 * unreachable, failing instead under CI=true (see {@link TestDatabases}).
 */
class PostgresCreditListTrackerTest extends CreditListTrackerContract {
    @Override
    String newDatabaseUrl() {
        return TestDatabases.postgresSchemaUrl();
    }

    @Override
    Database open(String url) {
        return TestDatabases.postgres(url);
    }

    @Override
    void dispose(String url) {
        TestDatabases.dropPostgresSchema(url);
    }
}

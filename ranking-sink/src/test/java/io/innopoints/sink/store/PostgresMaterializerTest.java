package io.innopoints.sink.store;

import io.innopoints.sink.testing.TestDatabases;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The materializer contract on PostgreSQL (a fresh schema per database); skipped when PostgreSQL is unreachable,
 * failing instead under CI=true (see {@link TestDatabases}).
 */
class PostgresMaterializerTest extends MaterializerContract {
    private final Map<Database, String> urls = new IdentityHashMap<>();

    @Override
    Database newDatabase() {
        String url = TestDatabases.postgresSchemaUrl();
        Database database = TestDatabases.postgres(url);
        urls.put(database, url);
        return database;
    }

    @Override
    void dispose(Database database) {
        database.close();
        TestDatabases.dropPostgresSchema(urls.remove(database));
    }
}

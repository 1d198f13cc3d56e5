package io.innopoints.sink.app;

import io.innopoints.sink.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Topic → PostgreSQL → API (skipped when PostgreSQL is unreachable, failing under CI=true). */
class PostgresSinkEndToEndIT extends SinkEndToEndContract {
    private final List<String> urls = new ArrayList<>();

    @Override
    Map<String, String> newDatabase() {
        String url = TestDatabases.postgresSchemaUrl();
        urls.add(url);
        return Map.of("jdbc.url", url, "jdbc.user", TestDatabases.PG_USER, "jdbc.password", TestDatabases.PG_PASSWORD);
    }

    @Override
    void disposeDatabases() {
        urls.forEach(TestDatabases::dropPostgresSchema);
    }
}

package io.innopoints.sink.app;

import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Topic → SQLite → API. */
class SqliteSinkEndToEndIT extends SinkEndToEndContract {
    @TempDir
    Path dir;

    @Override
    Map<String, String> newDatabase() {
        return Map.of("jdbc.url", TestDatabases.sqliteUrl(dir));
    }

    @Override
    void disposeDatabases() {
        // the temporary directory goes with the test
    }
}

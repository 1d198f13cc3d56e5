package io.innopoints.sink.store;

import io.innopoints.sink.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    @Test
    void shouldUseWriteAheadLogSoReadersDoNotBlockTheWriter() throws Exception {
        assertThat(rows("PRAGMA journal_mode")).containsExactly(List.of("wal"));
    }
}

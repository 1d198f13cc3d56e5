package io.innopoints.stream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbTest {
    @Test
    void shouldGiveEveryStoreSmallMemtablesAndIndexBlocksInTheOneSharedCache() {
        RocksDB.loadLibrary();
        BoundedRocksDb setter = new BoundedRocksDb();
        long sized = BoundedRocksDb.budget(); // another test of this JVM may have configured a store first
        try (Options first = new Options(); Options second = new Options()) {
            first.setTableFormatConfig(new BlockBasedTableConfig());
            second.setTableFormatConfig(new BlockBasedTableConfig());
            setter.setConfig("a", first, Map.of(BoundedRocksDb.MEMORY_BYTES, 64L << 20));
            setter.setConfig("b", second, Map.of(BoundedRocksDb.MEMORY_BYTES, 999L << 20));

            for (Options o : new Options[] {first, second}) {
                assertThat(o.writeBufferSize()).isEqualTo(4L << 20);
                assertThat(o.maxWriteBufferNumber()).isEqualTo(2);
                assertThat(((BlockBasedTableConfig) o.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            }
            // the first store sizes the JVM's one cache; a later store's setting does not make a second one
            assertThat(BoundedRocksDb.budget()).isEqualTo(sized == 0 ? 64L << 20 : sized);
        }
    }
}

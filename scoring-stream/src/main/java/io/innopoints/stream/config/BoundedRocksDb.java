package io.innopoints.stream.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the JVM: one block cache shared by all stores, with the
 * memtables charged to it (a write buffer manager), index and filter blocks cached in it too. Kafka Streams' default
 * gives each store partition its own 50 MB cache and up to three 16 MB memtables, so the 67 store partitions of
 * one instance could take over 6 GiB besides the heap (the resident set was 9.9 GiB at 500,000 enterprises).
 *
 * <p>The budget is {@value #MEMORY_BYTES} (bytes, set by {@code ScoringConfig} from {@code scoring.rocksdb.memory.mb})
 * and is per JVM: the first store configured creates the cache; instances in the same JVM (tests, the local run)
 * share it. A quarter of it goes to memtables (charged to the cache). The limit is not strict: blocks in use may
 * exceed it for a moment rather than fail a read.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    /** The Kafka Streams property carrying the budget in bytes (unknown to Kafka Streams, passed to setters). */
    public static final String MEMORY_BYTES = "innopoints.rocksdb.memory.bytes";
    /** Memtable flushes are small and frequent with many stores: 4 MiB each keeps them cheap. */
    private static final long WRITE_BUFFER_BYTES = 4L << 20;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long budget;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.getOrDefault(MEMORY_BYTES, 256L << 20)));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared(bytes));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    private static synchronized Cache shared(long bytes) {
        if (cache == null) {
            budget = bytes;
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 4, cache);
        }
        return cache;
    }

    /** The budget the JVM's stores share (0 before the first store was configured). */
    public static synchronized long budget() {
        return budget;
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the JVM: never closed per store
    }
}

package io.innopoints.sink.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads the positions the {@link Materializer} stored: for a consumer group, the next offset to read per topic
 * partition. The consumer seeks to these on every assignment.
 */
public final class OffsetStore {
    private final DataSource dataSource;

    public OffsetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Next offset per partition of {@code groupId}; partitions never written are absent. */
    public Map<PartitionKey, Long> nextOffsets(String groupId) throws SQLException {
        Map<PartitionKey, Long> out = new TreeMap<>();
        for (var row : Rows.query(dataSource, "SELECT topic, partition_no, next_offset FROM consumer_offset WHERE group_id = ?",
                List.of(groupId), rs -> Map.entry(new PartitionKey(rs.getString(1), rs.getInt(2)), rs.getLong(3)))) {
            out.put(row.getKey(), row.getValue());
        }
        return out;
    }
}

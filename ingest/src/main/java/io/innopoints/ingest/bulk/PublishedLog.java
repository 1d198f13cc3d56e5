package io.innopoints.ingest.bulk;

import io.innopoints.schemas.topic.Topic;
import java.util.Map;
import java.util.Set;

/**
 * Read access to what is already in the topics, which a resumed bulk load needs: the current end offsets, and the
 * file lines that an interrupted run wrote after its last checkpoint (recognised by the load-id and line headers
 * every bulk record carries). Implemented with a Kafka consumer; faked in unit tests.
 */
public interface PublishedLog {
    /** End offset (next offset to be written) of every partition of the topic. */
    Map<Integer, Long> endOffsets(Topic topic);

    /**
     * The lines written by load {@code loadId} to {@code topic} at or after {@code from} (per partition; partitions not
     * listed are read from their beginning) up to the current end.
     */
    Set<Long> linesWrittenBy(String loadId, Topic topic, Map<Integer, Long> from);
}

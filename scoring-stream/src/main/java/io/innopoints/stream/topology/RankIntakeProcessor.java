package io.innopoints.stream.topology;

import io.innopoints.stream.domain.StageInbox;
import io.innopoints.stream.domain.StageMessage;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The intake of the per-stage rank stage: puts each by-stage message into its stage's {@link StageInbox} and
 * forwards a touch (key and value = the stage) to the per-commit table, which hands each touched stage once per
 * commit to {@link RankProcessor}. Tells the {@link Backlog} which by-stage partition it serves and the offset of
 * every record it took: the instance's rank-stage backlog is measured from that.
 */
final class RankIntakeProcessor implements FixedKeyProcessor<String, StageMessage, String> {
    /** Messages of one stage after which the task asks for a commit. */
    static final int MAX_PER_COMMIT = 2_000;
    private final Backlog backlog;
    private FixedKeyProcessorContext<String, String> context;
    private PendingStore<String, StageInbox> inboxes;
    private int partition;

    RankIntakeProcessor(Backlog backlog) {
        this.backlog = backlog;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, String> context) {
        this.context = context;
        inboxes = context.getStateStore(ScoringTopology.PENDING_STAGE_STORE);
        partition = context.taskId().partition();
        backlog.stageAssigned(partition);
    }

    @Override
    public void process(FixedKeyRecord<String, StageMessage> record) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        if (metadata.isPresent()) {
            backlog.stageTaken(partition, metadata.get().offset());
        }
        StageMessage m = record.value();
        StageInbox inbox = inboxes.computeIfAbsent(m.stage(), k -> new StageInbox());
        inbox.add(m, record.timestamp());
        if (inbox.size() >= MAX_PER_COMMIT) {
            // a burst (a sweep, a rescore) would otherwise make one transaction of it all: commit early, so no
            // commit applies more than this and none nears the transaction timeout
            context.commit();
        }
        // stream time never goes back, so the table never sees an out-of-order update
        context.forward(record.withValue(m.stage())
                .withTimestamp(Math.max(record.timestamp(), context.currentStreamTimeMs())));
    }

    @Override
    public void close() {
        backlog.stageReleased(partition);
    }
}

package io.innopoints.stream.topology;

import io.innopoints.stream.domain.StageInbox;
import io.innopoints.stream.domain.StageMessage;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The intake of the per-stage rank stage: puts each by-stage message into its stage's {@link StageInbox} and
 * forwards a touch (key and value = the stage) to the per-commit table, which hands each touched stage once per
 * commit to {@link RankProcessor}.
 */
final class RankIntakeProcessor implements FixedKeyProcessor<String, StageMessage, String> {
    /** Messages of one stage after which the task asks for a commit. */
    static final int MAX_PER_COMMIT = 2_000;
    private FixedKeyProcessorContext<String, String> context;
    private PendingStore<String, StageInbox> inboxes;

    @Override
    public void init(FixedKeyProcessorContext<String, String> context) {
        this.context = context;
        inboxes = context.getStateStore(ScoringTopology.PENDING_STAGE_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, StageMessage> record) {
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
}

package io.innopoints.stream.topology;

import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.profile.FactFold;
import io.innopoints.stream.domain.PendingFacts;
import java.util.List;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The intake of the per-enterprise stage: folds each valid event against its enterprise's facts ({@link FactFold}:
 * duplicates, retractions and amendments; reads single facts, never the whole profile) as stored plus what this
 * commit already folded ({@link PendingFacts}, objects in {@value ScoringTopology#PENDING_FACTS_STORE}), and
 * forwards a touch (value = the credit code) to the per-commit table, which hands each touched enterprise once per
 * commit to {@link ProfileProcessor}: that writes the facts and evaluates.
 * Dead letters pass through; an event whose fold fails becomes one, with its original bytes. Nothing is evaluated
 * here.
 */
final class FoldProcessor implements FixedKeyProcessor<byte[], Decoded, Object> {
    private final String app;
    private final ScoringSerdes serdes;
    private FixedKeyProcessorContext<byte[], Object> context;
    private ProfileFactStore profiles;
    private PendingStore<String, PendingFacts> pending;

    FoldProcessor(String app, ScoringSerdes serdes) {
        this.app = app;
        this.serdes = serdes;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Object> context) {
        this.context = context;
        profiles = new ProfileFactStore(context.getStateStore(ScoringTopology.PROFILE_STORE), serdes, app);
        pending = context.getStateStore(ScoringTopology.PENDING_FACTS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<byte[], Decoded> record) {
        if (record.value() instanceof Decoded.Dead dead) {
            context.forward(record.withValue(dead));
            return;
        }
        Decoded.Valid valid = (Decoded.Valid) record.value();
        String code = valid.creditCode();
        try {
            PendingFacts facts = pending.get(code);
            if (facts == null) {
                facts = new PendingFacts();
            }
            FactFold.Result result = FactFold.fold(code, facts.over(profiles.facts(code)), valid.event());
            if (!result.changed()) {
                return;
            }
            facts.add(valid.eventId(), result.writes());
            pending.put(code, facts);
        } catch (TaskMigratedException e) {
            throw e; // fenced: the task moves on, nothing of this transaction counts; not a bad record
        } catch (RuntimeException e) {
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + DeadLetters.describe(e);
            context.forward(record.withValue(new Decoded.Dead(code, DeadLetters.of(app, context.recordMetadata(),
                    record.timestamp(), valid.eventType(), valid.eventId(), null, valid.key(), valid.value(),
                    DeadLetters.PROCESSING, reason, List.of(new Problem("$", reason)), System.currentTimeMillis()))));
            return;
        }
        // stream time never goes back, so the table never sees an out-of-order update
        context.forward(record.withValue((Object) code)
                .withTimestamp(Math.max(record.timestamp(), context.currentStreamTimeMs())));
    }
}

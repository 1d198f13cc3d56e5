package io.innopoints.stream.topology;

import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.profile.FactFold;
import io.innopoints.stream.domain.FactOrigin;
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
 *
 * <p>While the instance catches up ({@link Backlog}) an evaluation waits for a sweep anyway, so an enterprise with
 * nothing pending in this commit skips the hand-over: its facts are written (with their origin, which makes the
 * event a cause of the deferred evaluation) and the enterprise owed ({@link OwedCauses}) at once, in the same transaction as the hand-over would have written them (the hand-over
 * through the per-commit table was a fifth of the stream threads' time during a catch-up: JFR, 20,000 enterprises).
 * Dead letters pass through; an event whose fold fails becomes one, with its original bytes. Nothing is evaluated
 * here.
 */
final class FoldProcessor implements FixedKeyProcessor<byte[], Decoded, Object> {
    private final String app;
    private final ScoringSerdes serdes;
    private final Backlog backlog;
    private FixedKeyProcessorContext<byte[], Object> context;
    private ProfileFactStore profiles;
    private PendingStore<String, PendingFacts> pending;
    private OwedCauses owed;
    private ProfileMemory memory;

    FoldProcessor(String app, ScoringSerdes serdes, Backlog backlog) {
        this.app = app;
        this.serdes = serdes;
        this.backlog = backlog;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Object> context) {
        this.context = context;
        memory = context.getStateStore(ScoringTopology.PROFILE_MEMORY);
        profiles = new ProfileFactStore(context.getStateStore(ScoringTopology.PROFILE_STORE), serdes, app,
                memory.recent());
        pending = context.getStateStore(ScoringTopology.PENDING_FACTS_STORE);
        owed = new OwedCauses(context.getStateStore(ScoringTopology.UNSCORED_STORE));
    }

    @Override
    public void process(FixedKeyRecord<byte[], Decoded> record) {
        if (record.value() instanceof Decoded.Dead dead) {
            context.forward(record.withValue(dead));
            return;
        }
        Decoded.Valid valid = (Decoded.Valid) record.value();
        String code = valid.creditCode();
        PendingFacts facts = pending.get(code);
        FactFold.Result result;
        try {
            result = FactFold.fold(code, facts == null ? profiles.facts(code) : facts.over(profiles.facts(code)),
                    valid.event());
        } catch (TaskMigratedException e) {
            throw e; // fenced: the task moves on, nothing of this transaction counts; not a bad record
        } catch (RuntimeException e) {
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + DeadLetters.describe(e);
            context.forward(record.withValue(new Decoded.Dead(code, DeadLetters.of(app, context.recordMetadata(),
                    record.timestamp(), valid.eventType(), valid.eventId(), null, valid.key(), valid.value(),
                    DeadLetters.PROCESSING, reason, List.of(new Problem("$", reason)), System.currentTimeMillis()))));
            return;
        }
        if (!result.changed()) {
            return;
        }
        // where the event was read: an evaluation records how far it saw its enterprise's facts (deferred causes)
        FactOrigin origin = new FactOrigin(valid.eventId(), FactFold.Kind.of(valid.event()),
                context.recordMetadata().orElseThrow().offset());
        if (facts == null && backlog.catchingUp()) {
            // owed before the facts change, as the hand-over writes them (for at-least-once); an enterprise already
            // owed costs one lookup, no write
            if (!owed.owes(code)) {
                owed.owe(code);
            }
            profiles.apply(code, result.writes(), event -> event == valid.event() ? valid.value() : null,
                    write -> origin);
            memory.deferred();
            return;
        }
        if (facts == null) {
            facts = new PendingFacts();
            pending.put(code, facts);
        }
        facts.add(valid.event(), valid.eventId(), valid.value(), result.writes(), origin);
        // stream time never goes back, so the table never sees an out-of-order update
        context.forward(record.withValue((Object) code)
                .withTimestamp(Math.max(record.timestamp(), context.currentStreamTimeMs())));
    }
}

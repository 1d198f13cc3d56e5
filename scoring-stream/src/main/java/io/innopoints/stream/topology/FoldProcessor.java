package io.innopoints.stream.topology;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.profile.FoldResult;
import io.innopoints.scoring.profile.Profiles;
import io.innopoints.stream.domain.PendingProfile;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The intake of the per-enterprise stage: folds each valid event into its enterprise's pending profile (the one
 * folded earlier in this commit, else the stored one; duplicates, retractions and amendments by
 * {@link Profiles#fold}) and forwards a touch (value = the credit code) to the per-commit table, which hands each
 * touched enterprise once per commit to {@link ProfileProcessor}. Dead letters pass through; an event whose fold
 * fails becomes one, with its original bytes. Nothing is evaluated or written to a changelog here.
 */
final class FoldProcessor implements FixedKeyProcessor<byte[], Decoded, Object> {
    private final String app;
    private FixedKeyProcessorContext<byte[], Object> context;
    private final ScoringSerdes serdes;
    private ProfileFactStore profiles;
    private PendingStore<String, PendingProfile> pending;

    FoldProcessor(String app, ScoringSerdes serdes) {
        this.app = app;
        this.serdes = serdes;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Object> context) {
        this.context = context;
        profiles = new ProfileFactStore(context.getStateStore(ScoringTopology.PROFILE_STORE), serdes, app);
        pending = context.getStateStore(ScoringTopology.PENDING_PROFILE_STORE);
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
            PendingProfile before = pending.get(code);
            EnterpriseProfile stored = before != null ? before.stored() : profiles.load(code);
            EnterpriseProfile profile = before != null ? before.profile() : stored;
            FoldResult result = Profiles.fold(profile == null ? Profiles.empty(code) : profile, valid.event());
            if (!result.changed()) {
                return;
            }
            pending.put(code, before == null ? PendingProfile.of(stored, result.profile(), valid.eventId())
                    : before.then(result.profile(), valid.eventId()));
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

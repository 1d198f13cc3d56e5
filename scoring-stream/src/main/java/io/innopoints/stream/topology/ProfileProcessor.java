package io.innopoints.stream.topology;

import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.EnterpriseState;
import io.innopoints.stream.domain.ProfileBook;
import io.innopoints.stream.domain.ProfileStores;
import io.innopoints.stream.domain.StageMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-enterprise stage (task = input partition): from decoded events to {@link StageMessage}s keyed by stage
 * (the by-stage repartition re-keys them) and dead letters. Stores: {@value ScoringTopology#PROFILE_STORE},
 * {@value ScoringTopology#STATE_STORE}, {@value ScoringTopology#DUE_STORE}; a stream-time punctuator re-evaluates
 * enterprises whose next TIME edge passed. A processing error of one record becomes a dead letter with the
 * record's original bytes.
 */
final class ProfileProcessor implements Processor<String, Decoded, String, Object> {
    private static final int DUE_BATCH = 10_000;
    private static final int RESCORE_CHUNK = 2_000;
    private final String app;
    private final ScoringModel model;
    private final Duration timeCheck;
    private ProcessorContext<String, Object> context;
    private ProfileBook book;
    private long lastTimestamp;
    private Models models;
    private KeyValueStore<String, EnterpriseState> states;
    /** Next credit code of a running model rescore; null when none is running. */
    private String rescoreFrom;

    private final Duration rescorePace;

    ProfileProcessor(String app, ScoringModel model, Duration timeCheck, Duration rescorePace) {
        this.app = app;
        this.model = model;
        this.timeCheck = timeCheck;
        this.rescorePace = rescorePace;
    }

    /** Switches to a newly activated official model and starts rescoring everyone (kind MODEL). */
    private void checkModel() {
        ScoringModel official = models.official();
        if (!official.key().equals(book.model().key())) {
            book.model(official);
            rescoreFrom = "";
        }
        ScoringModel candidate = models.shadow().orElse(null);
        String now = candidate == null ? null : candidate.key();
        String before = book.shadow() == null ? null : book.shadow().key();
        if (!java.util.Objects.equals(now, before)) {
            book.shadow(candidate);
            rescoreFrom = "";
        }
    }

    /** Rescores the next chunk of enterprises not yet scored under the official model. */
    private void rescoreChunk() {
        checkModel();
        long asOf = context.currentStreamTimeMs();
        if (rescoreFrom == null || asOf < 0) {
            return;
        }
        lastTimestamp = asOf;
        String key = book.model().key();
        String shadowKey = book.shadow() == null ? null : book.shadow().key();
        List<String> shadowDue = new ArrayList<>();
        int done = 0;
        String last = null;
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, EnterpriseState> it = states.range(rescoreFrom, null)) {
            while (it.hasNext() && done < RESCORE_CHUNK) {
                KeyValue<String, EnterpriseState> kv = it.next();
                last = kv.key;
                done++;
                if (!key.equals(kv.value.modelKey())) {
                    due.add(kv.key);
                } else if (!java.util.Objects.equals(shadowKey, kv.value.shadowKey())) {
                    shadowDue.add(kv.key);
                }
            }
            rescoreFrom = it.hasNext() && last != null ? last + "\u0000" : null;
        }
        for (String code : due) {
            book.rescore(code, asOf);
        }
        for (String code : shadowDue) {
            book.shadowRescore(code, asOf);
        }
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, EnterpriseProfile> profiles = context.getStateStore(ScoringTopology.PROFILE_STORE);
        states = context.getStateStore(ScoringTopology.STATE_STORE);
        models = new Models(model, context.getStateStore(ScoringTopology.MODELS_STORE));
        KeyValueStore<String, String> due = context.getStateStore(ScoringTopology.DUE_STORE);
        ProfileStores stores = new ProfileStores() {
            @Override
            public EnterpriseProfile profile(String creditCode) {
                return profiles.get(creditCode);
            }

            @Override
            public void putProfile(EnterpriseProfile profile) {
                profiles.put(profile.getCreditCode(), profile);
            }

            @Override
            public EnterpriseState state(String creditCode) {
                return states.get(creditCode);
            }

            @Override
            public void putState(String creditCode, EnterpriseState state) {
                states.put(creditCode, state);
            }

            @Override
            public void addDue(long atMs, String creditCode) {
                due.put(dueKey(atMs, creditCode), creditCode);
            }

            @Override
            public void removeDue(long atMs, String creditCode) {
                due.delete(dueKey(atMs, creditCode));
            }

            @Override
            public List<Due> due(long untilMs, int limit) {
                List<Due> out = new ArrayList<>();
                try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(untilMs, "~"))) {
                    while (it.hasNext() && out.size() < limit) {
                        KeyValue<String, String> kv = it.next();
                        out.add(new Due(Long.parseLong(kv.key.substring(0, 16)), kv.value));
                    }
                }
                return out;
            }
        };
        book = new ProfileBook(models.official(), stores, this::send);
        // enterprises last scored under another model (a restart during a rescore) are rescored from the start
        rescoreFrom = "";
        context.schedule(timeCheck, PunctuationType.STREAM_TIME, this::onStreamTime);
        context.schedule(rescorePace, PunctuationType.WALL_CLOCK_TIME, t -> rescoreChunk());
    }

    /** Zero-padded epoch millis ‖ credit code: string order is time order. */
    static String dueKey(long atMs, String creditCode) {
        return String.format("%016d|%s", atMs, creditCode);
    }

    private void send(StageMessage message) {
        context.forward(new Record<>(message.stage(), message, lastTimestamp));
    }

    @Override
    public void process(Record<String, Decoded> record) {
        if (record.value() instanceof Decoded.Dead dead) {
            context.forward(new Record<>(record.key(), dead.letter(), record.timestamp()));
            return;
        }
        Decoded.Valid valid = (Decoded.Valid) record.value();
        checkModel();
        long asOf = Math.max(context.currentStreamTimeMs(), record.timestamp());
        lastTimestamp = record.timestamp();
        try {
            book.onEvent(valid.creditCode(), valid.event(), valid.eventId(), asOf);
        } catch (RuntimeException e) {
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + DeadLetters.describe(e);
            context.forward(new Record<>(valid.creditCode(), DeadLetters.of(app, context.recordMetadata(),
                    record.timestamp(), valid.eventType(), valid.eventId(), null, valid.key(), valid.value(),
                    DeadLetters.PROCESSING, reason, List.of(new Problem("$", reason)), System.currentTimeMillis()),
                    record.timestamp()));
        }
    }

    private void onStreamTime(long streamTime) {
        lastTimestamp = streamTime;
        rescoreChunk();
        while (book.onTime(streamTime, DUE_BATCH) == DUE_BATCH) {
            // keep going: a large backlog of due enterprises is drained in batches within this punctuation
        }
    }
}

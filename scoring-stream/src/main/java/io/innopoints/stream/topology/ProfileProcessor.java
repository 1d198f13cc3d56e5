package io.innopoints.stream.topology;

import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.EnterpriseState;
import io.innopoints.stream.domain.PendingProfile;
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
 * The per-enterprise stage (task = input partition), once per enterprise per commit: takes the profile
 * {@link FoldProcessor} folded since the last commit (the per-commit table hands each touched credit code over when
 * Kafka Streams flushes its record cache at the commit), stores it and sends the enterprise's {@link StageMessage}s
 * keyed by stage (the by-stage repartition re-keys them). Stores: {@value ScoringTopology#PROFILE_STORE},
 * {@value ScoringTopology#STATE_STORE}, {@value ScoringTopology#DUE_STORE},
 * {@value ScoringTopology#PENDING_PROFILE_STORE}. Punctuators: stream time re-evaluates enterprises whose next TIME
 * edge passed; wall-clock time rescores, at full speed in chunks, enterprises last scored under another model.
 * A processing error becomes a dead letter naming the enterprise and its causes.
 */
final class ProfileProcessor implements Processor<byte[], String, String, Object> {
    private static final int DUE_BATCH = 10_000;
    /** Enterprises rescored per punctuation: small enough to keep a commit short, run as often as the loop allows. */
    static final int RESCORE_CHUNK = 1_000;
    static final Duration RESCORE_PACE = Duration.ofMillis(10);
    private final String app;
    private final ScoringModel model;
    private final Duration timeCheck;
    private final ScoringSerdes serdes;
    private PendingStore<String, PendingProfile> pending;
    private ProcessorContext<String, Object> context;
    private ProfileBook book;
    private long lastTimestamp;
    private Models models;
    private KeyValueStore<String, EnterpriseState> states;
    /** Next credit code of a running model rescore; null when none is running. */
    private String rescoreFrom;

    ProfileProcessor(String app, ScoringSerdes serdes, ScoringModel model, Duration timeCheck) {
        this.app = app;
        this.serdes = serdes;
        this.model = model;
        this.timeCheck = timeCheck;
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
                if (pending.contains(kv.key)) {
                    continue; // evaluated at this commit under the current model anyway
                }
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
        ProfileFactStore profiles = new ProfileFactStore(context.getStateStore(ScoringTopology.PROFILE_STORE), serdes,
                app);
        states = context.getStateStore(ScoringTopology.STATE_STORE);
        pending = context.getStateStore(ScoringTopology.PENDING_PROFILE_STORE);
        models = new Models(model, context.getStateStore(ScoringTopology.MODELS_STORE));
        KeyValueStore<String, String> due = context.getStateStore(ScoringTopology.DUE_STORE);
        ProfileStores stores = new ProfileStores() {
            @Override
            public EnterpriseProfile profile(String creditCode) {
                return profiles.load(creditCode);
            }

            @Override
            public void putProfile(EnterpriseProfile stored, EnterpriseProfile after) {
                profiles.write(stored, after);
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
        context.schedule(RESCORE_PACE, PunctuationType.WALL_CLOCK_TIME, t -> rescoreChunk());
    }

    /** Zero-padded epoch millis ‖ credit code: string order is time order. */
    static String dueKey(long atMs, String creditCode) {
        return String.format("%016d|%s", atMs, creditCode);
    }

    private void send(StageMessage message) {
        context.forward(new Record<>(message.stage(), message, lastTimestamp));
    }

    @Override
    public void process(Record<byte[], String> touched) {
        String code = touched.value();
        PendingProfile folded = pending.take(code);
        if (folded == null) {
            return; // already handed over (the touch was evicted from the record cache before the commit)
        }
        checkModel();
        long asOf = context.currentStreamTimeMs();
        lastTimestamp = touched.timestamp();
        try {
            book.onFolded(folded, asOf);
        } catch (RuntimeException e) {
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + DeadLetters.describe(e)
                    + " (causes " + folded.causes() + ")";
            context.forward(new Record<>(code, DeadLetters.of(app, context.recordMetadata(), touched.timestamp(),
                    null, folded.causes().get(folded.causes().size() - 1), null, null, null, DeadLetters.PROCESSING,
                    reason, List.of(new Problem("$", reason)), System.currentTimeMillis()), touched.timestamp()));
        }
    }

    private void onStreamTime(long streamTime) {
        lastTimestamp = streamTime;
        rescoreChunk();
        while (book.onTime(streamTime, DUE_BATCH, pending::contains) == DUE_BATCH) {
            // keep going: a large backlog of due enterprises is drained in batches within this punctuation
        }
    }
}

package io.innopoints.stream.domain;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.model.ScoringModel;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The profile stage of one task: evaluates each enterprise whose profile changed once per commit (or once per
 * sweep after a catch-up) under the official model at the task's stream time and sends a {@link StageMessage} to the enterprise's stage (plus a
 * LEAVE to the old stage when the stage changed). Keeps each enterprise's next TIME edge in the due index;
 * {@link #onTime} re-evaluates the due
 * ones (kind TIME) and sends only when something changed.
 */
public final class ProfileBook {
    private final ProfileStores stores;
    private final Consumer<StageMessage> send;
    private ScoringModel model;
    private ScoringModel shadow;

    public ProfileBook(ScoringModel model, ProfileStores stores, Consumer<StageMessage> send) {
        this.model = model;
        this.stores = stores;
        this.send = send;
    }

    public ScoringModel model() {
        return model;
    }

    /**
     * Evaluates an enterprise whose profile changed (once per commit, or once per sweep after a catch-up deferred
     * it): kind DATA, every event that changed it a cause.
     */
    public void onChanged(String creditCode, List<String> causes, long asOfMs) {
        EnterpriseProfile profile = stores.profile(creditCode);
        if (profile != null) {
            evaluate(profile, stores.state(creditCode), asOfMs, ChangeKind.DATA, causes, false);
        }
    }

    /**
     * Re-evaluates enterprises whose next edge is at or before {@code streamTimeMs}; returns how many were due.
     * Those in {@code pending} are only taken off the index: their evaluation at the commit sets their next edge.
     */
    public int onTime(long streamTimeMs, int limit, Predicate<String> pending) {
        List<ProfileStores.Due> due = stores.due(streamTimeMs, limit);
        for (ProfileStores.Due d : due) {
            String code = d.creditCode();
            stores.removeDue(d.atMs(), code);
            EnterpriseProfile profile = pending.test(code) ? null : stores.profile(code);
            if (profile != null) {
                evaluate(profile, stores.state(code), streamTimeMs, ChangeKind.TIME, List.of(), true);
            }
        }
        return due.size();
    }

    /**
     * Re-evaluates one enterprise under a new official model (kind MODEL); {@code state} is its stored state (the
     * rescore pass has just read it: reading and decoding it again was a seventh of the pass).
     */
    public void rescore(String creditCode, EnterpriseState state, long asOfMs) {
        EnterpriseProfile profile = stores.profile(creditCode);
        if (profile != null) {
            evaluate(profile, state, asOfMs, ChangeKind.MODEL, List.of(), false);
        }
    }

    public void model(ScoringModel model) {
        this.model = model;
    }

    /** Sets (or, with null, drops) the shadow candidate evaluated next to the official model. */
    public void shadow(ScoringModel candidate) {
        this.shadow = candidate;
    }

    public ScoringModel shadow() {
        return shadow;
    }

    /** Evaluates one enterprise under the shadow candidate only (start of a shadow run). */
    public void shadowRescore(String creditCode, long asOfMs) {
        EnterpriseProfile profile = stores.profile(creditCode);
        EnterpriseState state = stores.state(creditCode);
        if (profile != null && state != null) {
            stores.putState(creditCode, evaluateShadow(profile, asOfMs, state, state.seq(), ChangeKind.MODEL));
        }
    }

    /** Sends the candidate's evaluation (and a SHADOW_LEAVE when its candidate stage changed); returns the new state. */
    private EnterpriseState evaluateShadow(EnterpriseProfile profile, long asOfMs, EnterpriseState state, long seq,
                                           ChangeKind kind) {
        String code = profile.getCreditCode();
        if (shadow == null) {
            return state.shadowKey() == null ? state : state.withShadow(null, null);
        }
        Evaluation e = Evaluator.evaluate(shadow, profile, Instant.ofEpochMilli(asOfMs));
        String stage = e.registration().isPresent() ? e.stage().id() : null;
        if (state.shadowStage() != null && !state.shadowStage().equals(stage)) {
            send.accept(StageMessage.Leave.of(code, state.shadowStage(), seq, shadow.key(), asOfMs, kind, List.of(),
                    null).asShadow());
        }
        if (stage != null) {
            send.accept(StageMessage.Score.of(e, kind, seq, List.of(), null).asShadow());
        }
        return state.withShadow(shadow.key(), stage);
    }

    /** Evaluates an enterprise whose stored state is {@code state} (null when none). */
    private void evaluate(EnterpriseProfile profile, EnterpriseState state, long asOfMs, ChangeKind kind,
                          List<String> causes, boolean skipWhenUnchanged) {
        String code = profile.getCreditCode();
        Evaluation e = Evaluator.evaluate(model, profile, Instant.ofEpochMilli(asOfMs));
        if (state == null) {
            state = EnterpriseState.initial();
        }
        long next = e.nextChange().map(Instant::toEpochMilli).orElse(-1L);
        // an unchanged edge keeps its entry (two store writes and their changelog records fewer per evaluation);
        // onTime removes an entry only once its edge passed, and the next edge then lies after the as-of
        if (state.nextChangeMs() != next) {
            if (state.nextChangeMs() >= 0) {
                stores.removeDue(state.nextChangeMs(), code);
            }
            if (next >= 0) {
                stores.addDue(next, code);
            }
        }
        int n = model.indicators().size();
        double[] values = new double[n];
        double[] points = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = e.value(i);
            points[i] = e.points(i);
        }
        if (e.registration().isEmpty()) {
            long seq = state.seq();
            if (state.stage() != null) {
                seq++;
                send.accept(StageMessage.Leave.of(code, state.stage(), seq, model.key(), asOfMs, kind, causes, null));
            }
            stores.putState(code, evaluateShadow(profile, asOfMs, new EnterpriseState(seq, null, model.key(), values,
                    points, next, state.shadowKey(), state.shadowStage(), null), seq, kind));
            return;
        }
        String stage = e.stage().id();
        boolean unchanged = stage.equals(state.stage()) && model.key().equals(state.modelKey())
                && Arrays.equals(values, state.values()) && Arrays.equals(points, state.points());
        if (skipWhenUnchanged && unchanged) {
            stores.putState(code, new EnterpriseState(state.seq(), state.stage(), state.modelKey(), state.values(),
                    state.points(), next, state.shadowKey(), state.shadowStage(), null));
            return;
        }
        long seq = state.seq() + 1;
        if (state.stage() != null && !state.stage().equals(stage)) {
            // the old stage's rank task passes what it last published on to the new stage (HANDOVER)
            send.accept(StageMessage.Leave.of(code, state.stage(), seq, model.key(), asOfMs, ChangeKind.STAGE, causes,
                    stage));
        }
        send.accept(StageMessage.Score.of(e, kind, seq, causes, state.stage()));
        EnterpriseState updated = new EnterpriseState(seq, stage, model.key(), values, points, next,
                state.shadowKey(), state.shadowStage(), null);
        stores.putState(code, evaluateShadow(profile, asOfMs, updated, seq, kind));
    }
}

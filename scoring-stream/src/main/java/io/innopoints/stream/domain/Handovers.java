package io.innopoints.stream.domain;

import io.innopoints.scoring.evaluate.Points;
import java.util.List;

/**
 * The hand-over protocol of a rank task. An enterprise's new stage may be ranked by another task, which does not know
 * what was last published for it: the old stage's LEAVE sends a HANDOVER (its last published points, stage, model and
 * unpublished causes) back onto the by-stage topic to the new stage; the new stage's SCORE (an <em>arrival</em>)
 * waits for it, unranked and in no distribution, and is ranked once it comes, explained against what was really
 * published before. The HANDOVER is written after the SCORE is committed, so it cannot overtake it on the topic;
 * should it arrive first anyway (one task producing both, as in tests) it is kept until its SCORE comes. An
 * enterprise that leaves a stage while its SCORE there still waits has its HANDOVER passed on to the next stage.
 * The notes are kept in a changelogged store ({@link HandoverStore}); ranking an arrival is the book's
 * ({@link Arrival}).
 */
final class Handovers {
    /** Ranks a SCORE that arrived from another stage, explained against that stage's HANDOVER. */
    @FunctionalInterface
    interface Arrival {
        void arrive(StageMessage.Score msg, StageMessage.Handover handover, List<String> causes);
    }

    private final MemberStore members;
    private final HandoverStore notes;
    private final Outputs out;
    private final Ripple ripple;
    private final Arrival arrival;

    Handovers(MemberStore members, HandoverStore notes, Outputs out, Ripple ripple, Arrival arrival) {
        this.members = members;
        this.notes = notes;
        this.out = out;
        this.ripple = ripple;
        this.arrival = arrival;
    }

    /**
     * Takes a SCORE whose ranking waits for a HANDOVER: a newer message of a member still waiting (it replaces the
     * waiting one), or an arrival from another stage (ranked at once when its HANDOVER came first, otherwise it
     * waits). Returns false for any other SCORE, which the book ranks as usual.
     */
    boolean onScore(Member old, StageMessage.Score msg) {
        if (old != null && old.awaiting()) {
            members.put(msg.stage(), Member.awaiting(msg, Causes.merge(old.pendingCauses(), msg.causeEventIds()))
                    .withAwaitingSeq(old.awaitingSeq()));
            ripple.unwatch(msg.stage(), msg.creditCode());
            return true;
        }
        if (old == null && msg.arrival()) {
            StageMessage note = notes.get(msg.stage(), msg.creditCode(), msg.profileSeq());
            if (note instanceof StageMessage.Handover handover) {
                notes.delete(msg.stage(), msg.creditCode(), msg.profileSeq());
                arrival.arrive(msg, handover, msg.causeEventIds());
            } else {
                members.put(msg.stage(), Member.awaiting(msg, msg.causeEventIds()));
                ripple.unwatch(msg.stage(), msg.creditCode());
            }
            return true;
        }
        return false;
    }

    /** A HANDOVER came: passed on when its enterprise left meanwhile, ranks its waiting SCORE, or is kept for it. */
    void onHandover(Member old, StageMessage.Handover handover) {
        String stage = handover.stage();
        String code = handover.creditCode();
        if (notes.get(stage, code, handover.profileSeq()) instanceof StageMessage.Leave left) {
            // the enterprise moved on before this arrived: pass it on (or drop it when it left without a stage)
            notes.delete(stage, code, handover.profileSeq());
            if (left.nextStage() != null) {
                out.handover(handover.forwardedTo(left.nextStage(), left.profileSeq(), left.causeEventIds()));
            }
            return;
        }
        if (old != null && old.awaiting() && old.awaitingSeq() == handover.profileSeq()) {
            arrival.arrive(old.message(), handover, old.pendingCauses());
            return;
        }
        // ahead of its SCORE (possible only when one task produced both): kept until the SCORE comes
        notes.put(handover.profileSeq(), handover);
    }

    /**
     * The hand-over part of a LEAVE: a member that never arrived here is dropped and its LEAVE kept, so the HANDOVER
     * it waited for goes on to the next stage (returns true: nothing else to do); otherwise, when the enterprise moves
     * to another stage, sends that stage the HANDOVER of what was last published for it here (returns false: the
     * book takes the member out of its cohorts).
     */
    boolean onLeave(Member old, StageMessage.Leave msg) {
        if (old != null && old.awaiting()) {
            members.delete(msg.stage(), msg.creditCode());
            ripple.unwatch(msg.stage(), msg.creditCode());
            notes.put(old.awaitingSeq(), msg.withEarlierCauses(old.pendingCauses()));
            return true;
        }
        if (msg.nextStage() != null) {
            Explanations.Previous p = Explanations.Previous.of(old);
            double[] points = null;
            if (p.cents() != null) {
                points = new double[p.cents().length];
                for (int i = 0; i < points.length; i++) {
                    points[i] = Points.fromCents(p.cents()[i]);
                }
            }
            out.handover(new StageMessage.Handover(msg.creditCode(), msg.nextStage(), msg.profileSeq(), msg.asOfMs(),
                    p.stage(), p.modelKey(), points, old == null ? List.of() : old.pendingCauses()));
        }
        return false;
    }
}

package io.innopoints.stream.domain;

import static io.innopoints.stream.support.Events.annual;
import static io.innopoints.stream.support.Events.code;
import static io.innopoints.stream.support.Events.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.profile.Profiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.scoring.rank.RankIndex;
import org.junit.jupiter.api.Test;

/** The rank stage's domain without Kafka: the member store is the truth, the indexes a cache rebuilt from it. */
class StageBookTest {
    private static final Instant T = Instant.parse("2025-06-01T00:00:00Z");
    private final ScoringModel model = ScoringModel.builtin("zone-20n");
    private final Map<String, byte[]> memberBytes = new TreeMap<>();
    private final Map<String, BoardState> boards = new TreeMap<>();
    private final List<EnterpriseScore> scores = new ArrayList<>();
    private final List<Leaderboard> leaderboards = new ArrayList<>();
    private final List<RankingChange> changes = new ArrayList<>();
    private final List<StageMessage> handoversSent = new ArrayList<>();
    private final Map<String, byte[]> handoverBytes = new TreeMap<>();

    /** A member store that round-trips every value through the codec, as the changelogged store does. */
    private final MemberStore members = new MemberStore() {
        @Override
        public Member get(String stage, String creditCode) {
            return InternalCodec.decodeMember(memberBytes.get(stage + "|" + creditCode));
        }

        @Override
        public void put(String stage, Member member) {
            memberBytes.put(stage + "|" + member.creditCode(), InternalCodec.encode(member));
        }

        @Override
        public void delete(String stage, String creditCode) {
            memberBytes.remove(stage + "|" + creditCode);
        }

        @Override
        public void forEach(Consumer<Member> action) {
            memberBytes.values().forEach(b -> action.accept(InternalCodec.decodeMember(b)));
        }
    };

    private final Outputs outputs = new Outputs() {
        @Override
        public void score(EnterpriseScore score) {
            scores.add(score);
        }

        @Override
        public void change(RankingChange change) {
            changes.add(change);
        }

        @Override
        public void leaderboard(Leaderboard board) {
            leaderboards.add(board);
        }

        @Override
        public void handover(StageMessage.Handover handover) {
            handoversSent.add(InternalCodec.decodeMessage(InternalCodec.encode(handover)));
        }
    };

    private final HandoverStore handovers = new HandoverStore() {
        @Override
        public StageMessage get(String stage, String creditCode, long seq) {
            return InternalCodec.decodeMessage(handoverBytes.get(stage + "|" + creditCode + "|" + seq));
        }

        @Override
        public void put(long seq, StageMessage note) {
            handoverBytes.put(note.stage() + "|" + note.creditCode() + "|" + seq, InternalCodec.encode(note));
        }

        @Override
        public void delete(String stage, String creditCode, long seq) {
            handoverBytes.remove(stage + "|" + creditCode + "|" + seq);
        }
    };

    private StageBook newBook() {
        return new StageBook(model, k -> null, members, handovers, new BoardStore() {
            @Override
            public BoardState get(String cohortId) {
                return boards.get(cohortId);
            }

            @Override
            public void put(String cohortId, BoardState state) {
                boards.put(cohortId, state);
            }
        }, outputs);
    }

    private StageMessage.Score message(int n, double revenue, double rd, long seq) {
        return message(n, revenue, rd, seq, null);
    }

    /** A SCORE of enterprise n whose previous SCORE was in {@code previousStage}. */
    private StageMessage.Score message(int n, double revenue, double rd, long seq, String previousStage) {
        EnterpriseProfile p = Profiles.foldAll(Profiles.empty(code(n)),
                List.of(registration(code(n), "ZONE-A").setEventId("r" + n).build(),
                        annual(code(n), 2024, revenue, rd).setEventId("f" + n + "-" + seq).build()));
        // one filing per message: the latest replaces the earlier ones as an amendment would
        return StageMessage.Score.of(Evaluator.evaluate(model, p, T), ChangeKind.DATA, seq, List.of("f" + n + "-" + seq),
                previousStage);
    }

    private StageMessage.Leave leave(int n, String stage, long seq, String nextStage) {
        return StageMessage.Leave.of(code(n), stage, seq, model.key(), T.toEpochMilli(), ChangeKind.STAGE,
                List.of("f" + n + "-" + seq), nextStage);
    }

    private EnterpriseScore lastScore(int n) {
        return scores.stream().filter(s -> s.getCreditCode().equals(code(n))).reduce((a, b) -> b).orElseThrow();
    }

    private static double points(EnterpriseScore s, String indicator) {
        return s.getIndicators().stream().filter(i -> i.getIndicatorId().equals(indicator)).findFirst()
                .orElseThrow().getPoints();
    }

    @Test
    void shouldRepublishALeaderboardWhenAMemberJoinsBelowTheTopNAndOnlyTheSizeChanged() {
        // Given a cohort larger than the top-N whose top-N lines (ranks, totals, tiers) stay the same when one more
        // member joins at the bottom
        int topN = model.topN();
        int size = topN + 1;
        while (!sameTiers(size, topN)) {
            size++;
        }
        StageBook book = newBook();
        for (int n = 1; n <= size; n++) {
            book.apply(message(n, 300, 100 - n * 0.1, 1));
        }
        book.ripple();
        book.publishLeaderboards(T.toEpochMilli());
        String cohort = "zone:ZONE-A:startup";
        assertThat(lastBoard(cohort).getCohortSize()).isEqualTo(size);
        List<String> topBefore = lastBoard(cohort).getEntries().stream().map(e -> e.getCreditCode()).toList();

        // When one more member joins below everyone
        book.apply(message(size + 1, 300, 0.001, 1));
        book.publishLeaderboards(T.toEpochMilli());

        // Then the cohort's board is published again with the new size, its top-N unchanged
        assertThat(lastBoard(cohort).getCohortSize()).isEqualTo(size + 1);
        assertThat(lastBoard(cohort).getEntries().stream().map(e -> e.getCreditCode()).toList()).isEqualTo(topBefore);
        assertThat(InternalCodec.decodeBoard(InternalCodec.encode(boards.get(cohort))).cohortSize()).isEqualTo(size + 1);
    }

    private boolean sameTiers(int size, int topN) {
        for (int rank = 1; rank <= topN; rank++) {
            if (!model.tierOf(rank, size).equals(model.tierOf(rank, size + 1))) {
                return false;
            }
        }
        return true;
    }

    private Leaderboard lastBoard(String cohortId) {
        return leaderboards.stream().filter(b -> b.getCohortId().equals(cohortId)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void shouldPublishAStageChangeOnlyOnceTheOldStagesHandoverArrivesAndExplainItAgainstWhatWasPublished() {
        // Given a start-up ranked above another one, so its R&D intensity earns cohort-percentile points
        StageBook book = newBook();
        book.apply(message(1, 300, 90, 1));
        book.apply(message(2, 300, 30, 1));
        book.ripple();
        EnterpriseScore published = lastScore(1);
        assertThat(points(published, "rd-intensity")).isPositive();
        scores.clear();

        // When its SCORE in the new stage arrives before the old stage's task has processed the LEAVE (the order
        // on a real broker: the HANDOVER is written only after that)
        book.apply(message(1, 3000, 90, 2, "startup"));

        // Then nothing is published or ranked yet
        assertThat(scores).isEmpty();
        assertThat(book.cohortSize("zone:ZONE-A:opportunity-growth")).isZero();

        // When the old stage processes the LEAVE and its HANDOVER arrives
        book.apply(leave(1, "startup", 2, "opportunity-growth"));
        assertThat(handoversSent).singleElement().satisfies(h -> {
            assertThat(h.stage()).isEqualTo("opportunity-growth");
            assertThat(h.profileSeq()).isEqualTo(2);
        });
        book.apply(handoversSent.remove(0));

        // Then the stage change is published once, explained against the published total and percentile points
        EnterpriseScore moved = lastScore(1);
        assertThat(scores).hasSize(1);
        assertThat(moved.getStage()).isEqualTo("opportunity-growth");
        assertThat(moved.getExplanation().getKind()).isEqualTo(ChangeKind.STAGE);
        assertThat(moved.getExplanation().getPreviousTotal()).isEqualTo(published.getTotal());
        assertThat(moved.getExplanation().getCauseEventIds()).containsExactly("f1-2");
        assertThat(moved.getExplanation().getIndicatorDeltas())
                .filteredOn(d -> d.getIndicatorId().equals("rd-intensity"))
                .allSatisfy(d -> assertThat(d.getPreviousPoints()).isEqualTo(points(published, "rd-intensity")));
        assertThat(book.cohortSize("zone:ZONE-A:opportunity-growth")).isEqualTo(1);
        assertThat(members.get("opportunity-growth", code(1)).awaiting()).isFalse();
        assertThat(handoverBytes).isEmpty();
    }

    @Test
    void shouldGiveARankingChangeTheScoresReasonsWithOnlyTheIndicatorsThatMovedMost() {
        // Given an enterprise's first score, which moves every indicator it scores on
        StageBook book = newBook();
        book.apply(message(1, 3000, 300, 1));
        EnterpriseScore score = lastScore(1);
        assertThat(score.getExplanation().getIndicatorDeltas()).hasSizeGreaterThan(Explanations.CHANGE_DELTAS);

        // Then each of its ranking changes carries the score's kind, latest causes and previous state, and the first
        // CHANGE_DELTAS of its deltas (largest first); the score keeps them all
        assertThat(changes).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getCreditCode()).isEqualTo(code(1));
            assertThat(c.getExplanation().getKind()).isEqualTo(score.getExplanation().getKind());
            List<String> causes = score.getExplanation().getCauseEventIds();
            assertThat(c.getExplanation().getCauseEventIds()).isEqualTo(
                    causes.subList(Math.max(0, causes.size() - Explanations.CHANGE_CAUSES), causes.size()));
            assertThat(c.getExplanation().getPreviousTotal()).isEqualTo(score.getExplanation().getPreviousTotal());
            assertThat(c.getExplanation().getIndicatorDeltas()).isEqualTo(
                    score.getExplanation().getIndicatorDeltas().subList(0, Explanations.CHANGE_DELTAS));
        });
    }

    @Test
    void shouldPassAHandoverOnWhenTheEnterpriseMovedAgainBeforeItArrived() {
        // Given a published start-up that moves to opportunity-growth and, before the HANDOVER arrives, on to
        // systematic-growth (one book plays the three stages' tasks)
        StageBook book = newBook();
        book.apply(message(1, 300, 90, 1));
        book.apply(message(2, 300, 30, 1));
        book.ripple();
        EnterpriseScore published = lastScore(1);
        scores.clear();
        book.apply(message(1, 3000, 90, 2, "startup"));
        book.apply(leave(1, "opportunity-growth", 3, "systematic-growth"));
        book.apply(message(1, 20000, 90, 3, "opportunity-growth"));
        assertThat(scores).isEmpty();

        // When the first HANDOVER arrives in opportunity-growth, which the enterprise has left, and is passed on
        book.apply(leave(1, "startup", 2, "opportunity-growth"));
        book.apply(handoversSent.remove(0));
        assertThat(scores).isEmpty();
        assertThat(handoversSent).singleElement().satisfies(h -> {
            assertThat(h.stage()).isEqualTo("systematic-growth");
            assertThat(h.profileSeq()).isEqualTo(3);
        });
        book.apply(handoversSent.remove(0));

        // Then systematic-growth publishes once, against what start-up published, with every unpublished cause
        EnterpriseScore moved = lastScore(1);
        assertThat(scores).hasSize(1);
        assertThat(moved.getStage()).isEqualTo("systematic-growth");
        assertThat(moved.getExplanation().getPreviousStage()).isEqualTo("startup");
        assertThat(moved.getExplanation().getPreviousTotal()).isEqualTo(published.getTotal());
        assertThat(moved.getExplanation().getCauseEventIds()).contains("f1-2", "f1-3");
        assertThat(members.get("opportunity-growth", code(1))).isNull();
        assertThat(handoverBytes).isEmpty();
    }

    @Test
    void shouldRankTheSameAfterTheIndexesAreRebuiltFromTheStore() {
        // Given three members ranked by one book
        StageBook first = newBook();
        first.apply(message(1, 300, 30, 1));
        first.apply(message(2, 300, 60, 1));
        first.apply(message(3, 300, 90, 1));
        first.ripple();
        String cohort = "zone:ZONE-A:startup";
        assertThat(first.cohortSize(cohort)).isEqualTo(3);

        // When a new book (a restarted task) rebuilds from the same store and one member moves
        StageBook second = newBook();
        second.rebuild();
        scores.clear();
        second.apply(message(1, 300, 120, 2));
        second.ripple();

        // Then it knows everyone: the mover is first of three, and the rebuilt distributions rippled the others
        assertThat(second.cohortSize(cohort)).isEqualTo(3);
        EnterpriseScore mover = scores.stream().filter(s -> s.getCreditCode().equals(code(1))).findFirst().orElseThrow();
        assertThat(mover.getRanks()).filteredOn(r -> r.getCohortId().equals(cohort))
                .allSatisfy(r -> {
                    assertThat(r.getRank()).isEqualTo(1);
                    assertThat(r.getCohortSize()).isEqualTo(3);
                });
        assertThat(scores).filteredOn(s -> s.getExplanation().getKind() == ChangeKind.COHORT)
                .extracting(EnterpriseScore::getCreditCode).contains(code(2), code(3));
    }

    @Test
    void shouldRoundTripMessagesThroughTheInternalCodec() {
        StageMessage.Score m = message(7, 300, 30, 3);
        StageMessage.Score back = (StageMessage.Score) InternalCodec.decodeMessage(InternalCodec.encode(m));
        assertThat(back.creditCode()).isEqualTo(m.creditCode());
        assertThat(back.registration()).isEqualTo(m.registration());
        assertThat(back.values()).containsExactly(m.values());
        assertThat(back.points()).containsExactly(m.points());
        assertThat(back.percentileInputs()).isEqualTo(m.percentileInputs());
        assertThat(back.profileSeq()).isEqualTo(3);
        StageMessage leave = leave(7, "startup", 4, "mature");
        assertThat(InternalCodec.decodeMessage(InternalCodec.encode(leave))).isEqualTo(leave);
    }

    @Test
    void shouldReportEveryTierChangeAndTopNEntryOrExitThatABruteForceRankingFinds() {
        // Given a cohort of 70 start-ups, many of them tied
        StageBook book = newBook();
        Random random = new Random(7);
        int size = 70;
        for (int n = 1; n <= size; n++) {
            book.apply(message(n, 300, 1 + random.nextInt(40) * 2.5, 1));
        }
        String cohort = "zone:ZONE-A:startup";
        assertThat(book.cohortSize(cohort)).isEqualTo(size);
        long[] seq = new long[size + 1];
        java.util.Arrays.fill(seq, 1);
        for (int step = 0; step < 600; step++) {
            // When one member's total moves (often onto another's, sometimes across a tier line or the top-N)
            int n = 1 + random.nextInt(size);
            Map<String, Integer> ranksBefore = ranks(book.rankIndex(cohort));
            changes.clear();
            book.apply(message(n, 300, 1 + random.nextInt(40) * 2.5, ++seq[n]));
            Map<String, Integer> ranksAfter = ranks(book.rankIndex(cohort));

            // Then the cohort's changes name exactly who changed tier and who entered or left the top-N
            Set<String> tierChanged = new TreeSet<>();
            Set<String> entered = new TreeSet<>();
            Set<String> exited = new TreeSet<>();
            for (Map.Entry<String, Integer> e : ranksAfter.entrySet()) {
                int before = ranksBefore.get(e.getKey());
                int after = e.getValue();
                if (!model.tierOf(before, size).equals(model.tierOf(after, size))) {
                    tierChanged.add(e.getKey());
                }
                if (before > model.topN() && after <= model.topN()) {
                    entered.add(e.getKey());
                } else if (before <= model.topN() && after > model.topN()) {
                    exited.add(e.getKey());
                }
            }
            assertThat(subjects(cohort, RankingChangeKind.TIER_CHANGED)).as("step %d", step).isEqualTo(tierChanged);
            assertThat(subjects(cohort, RankingChangeKind.ENTERED_TOP_N)).as("step %d", step).isEqualTo(entered);
            assertThat(subjects(cohort, RankingChangeKind.EXITED_TOP_N)).as("step %d", step).isEqualTo(exited);
        }
    }

    @Test
    void shouldReportTheNetChangesOfEachBatchOncePerSubjectAsABruteForceRankingFindsThem() {
        // Given a cohort of 40 start-ups, many of them tied
        StageBook book = newBook();
        Random random = new Random(11);
        int population = 60;
        long[] seq = new long[population + 1];
        Set<Integer> present = new TreeSet<>();
        for (int n = 1; n <= 40; n++) {
            book.apply(message(n, 300, 1 + random.nextInt(30) * 2.5, ++seq[n]));
            present.add(n);
        }
        String cohort = "zone:ZONE-A:startup";
        for (int step = 0; step < 300; step++) {
            // When a commit brings a batch of moves, joins and leaves (sometimes several of one enterprise)
            List<StageMessage> batch = new ArrayList<>();
            Set<Integer> presentAfter = new TreeSet<>(present);
            int size = 1 + random.nextInt(12);
            for (int i = 0; i < size; i++) {
                int n = 1 + random.nextInt(population);
                if (presentAfter.contains(n) && random.nextInt(6) == 0) {
                    batch.add(leave(n, "startup", ++seq[n], null));
                    presentAfter.remove(n);
                } else {
                    batch.add(message(n, 300, 1 + random.nextInt(30) * 2.5, ++seq[n]));
                    presentAfter.add(n);
                }
            }
            Map<String, Integer> ranksBefore = ranks(book.rankIndex(cohort));
            int sizeBefore = ranksBefore.size();
            changes.clear();
            book.prepare(batch);
            batch.forEach(book::apply);
            book.endBatch();
            present = presentAfter;
            Map<String, Integer> ranksAfter = ranks(book.rankIndex(cohort));
            int sizeAfter = ranksAfter.size();
            assertThat(sizeAfter).isEqualTo(present.size());

            // Then the cohort's changes name exactly who changed tier and who entered or left the top-N, net of the
            // batch, and no subject twice for one kind
            Set<String> tierChanged = new TreeSet<>();
            Set<String> entered = new TreeSet<>();
            Set<String> exited = new TreeSet<>();
            Set<String> everyone = new TreeSet<>(ranksBefore.keySet());
            everyone.addAll(ranksAfter.keySet());
            int n = model.topN();
            for (String code : everyone) {
                Integer before = ranksBefore.get(code);
                Integer after = ranksAfter.get(code);
                if (before != null && after != null
                        && !model.tierOf(before, sizeBefore).equals(model.tierOf(after, sizeAfter))) {
                    tierChanged.add(code);
                }
                boolean topBefore = before != null && before <= n;
                boolean topAfter = after != null && after <= n;
                if (!topBefore && topAfter) {
                    entered.add(code);
                } else if (topBefore && !topAfter) {
                    exited.add(code);
                }
            }
            List<RankingChange> inCohort = changes.stream().filter(c -> c.getCohortId().equals(cohort)).toList();
            assertThat(subjects(cohort, RankingChangeKind.TIER_CHANGED)).as("step %d", step).isEqualTo(tierChanged);
            assertThat(subjects(cohort, RankingChangeKind.ENTERED_TOP_N)).as("step %d", step).isEqualTo(entered);
            assertThat(subjects(cohort, RankingChangeKind.EXITED_TOP_N)).as("step %d", step).isEqualTo(exited);
            assertThat(inCohort).as("step %d", step)
                    .extracting(c -> c.getCreditCode() + " " + c.getKind()).doesNotHaveDuplicates();
            // and every change's ranks are those before and after the batch
            for (RankingChange c : inCohort) {
                assertThat(c.getOldRank()).as("step %d %s", step, c).isEqualTo(ranksBefore.get(c.getCreditCode()));
                assertThat(c.getNewRank()).as("step %d %s", step, c).isEqualTo(ranksAfter.get(c.getCreditCode()));
            }
        }
    }

    private static Map<String, Integer> ranks(RankIndex index) {
        Map<String, Integer> out = new TreeMap<>();
        index.range(0, index.size()).forEach(r -> out.put(r.creditCode(), r.rank()));
        return out;
    }

    private Set<String> subjects(String cohortId, RankingChangeKind kind) {
        Set<String> out = new TreeSet<>();
        changes.stream().filter(c -> c.getCohortId().equals(cohortId) && c.getKind() == kind)
                .forEach(c -> out.add(c.getCreditCode()));
        return out;
    }

    @Test
    void shouldScoreAPreparedBurstAgainstTheCohortAsOfItsEndSoTheRippleRepublishesNothing() {
        // Given the SCOREs of 30 start-ups with different R&D intensities arriving in one commit
        List<StageMessage> burst = burstOf30();

        // When the commit is prepared, then applied
        StageBook book = newBook();
        book.prepare(burst);
        burst.forEach(book::apply);
        book.endBatch();

        // Then every member was scored against the whole cohort: the ripple finds nothing to republish
        assertThat(scores).hasSize(30);
        assertThat(book.ripple()).isZero();
        assertThat(scores).hasSize(30);

        // while the same burst applied one by one leaves most of the cohort to the ripple
        scores.clear();
        memberBytes.clear();
        StageBook unprepared = newBook();
        burst.forEach(unprepared::apply);
        assertThat(unprepared.ripple()).isGreaterThan(10);
    }

    @Test
    void shouldGoOnWithARippleRoundStoppedByItsCheckAllowanceWhereItStoppedAndRepublishTheSame() {
        // Given the same 30 start-ups applied one by one to two books (their early members' points are stale)
        List<StageMessage> burst = burstOf30();
        StageBook unbounded = newBook();
        burst.forEach(unbounded::apply);
        RippleStep atOnce = unbounded.ripple(Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertThat(unbounded.rippling()).isFalse();
        assertThat(atOnce.published()).isGreaterThan(10);
        scores.clear();
        memberBytes.clear();
        StageBook bounded = newBook();
        burst.forEach(bounded::apply);
        scores.clear();

        // When the second one ripples with an allowance of 7 member checks per step
        RippleStep first = bounded.ripple(Integer.MAX_VALUE, 7);
        assertThat(first.checked()).isEqualTo(7);
        assertThat(bounded.rippling()).as("the round goes on").isTrue();
        int published = first.published();
        int checked = first.checked();
        int steps = 1;
        while (bounded.rippling()) {
            RippleStep step = bounded.ripple(Integer.MAX_VALUE, 7);
            assertThat(step.checked()).isBetween(1, 7);
            published += step.published();
            checked += step.checked();
            steps++;
        }

        // Then the round took several steps, checked each member once and republished the same members
        assertThat(steps).isGreaterThan(3);
        assertThat(checked).isEqualTo(atOnce.checked()).isGreaterThanOrEqualTo(30);
        assertThat(published).isEqualTo(atOnce.published());
        assertThat(scores).extracting(EnterpriseScore::getCreditCode).doesNotHaveDuplicates().hasSize(published);
        assertThat(bounded.ripple()).isZero();
    }

    @Test
    void shouldHoldNewMembersDuringABulkPassAndPublishEachOnceWithTheFinalPointsAfterIt() {
        // Given a sweep's 30 new start-ups arriving in three commits while the instance runs the sweep
        List<StageMessage> burst = burstOf30();
        StageBook book = newBook();
        book.holdNewMembers(true);
        for (int from = 0; from < 30; from += 10) {
            List<StageMessage> commit = burst.subList(from, from + 10);
            book.prepare(commit);
            commit.forEach(book::apply);
            book.endBatch();
        }

        // Then nothing is published or ranked yet, but the distributions hold everyone
        assertThat(scores).isEmpty();
        assertThat(changes).isEmpty();
        assertThat(book.cohortSize("zone:ZONE-A:startup")).isZero();
        assertThat(book.distributionSize("zone:ZONE-A:startup", "rd-intensity")).isEqualTo(30);
        assertThat(book.holdsMembers()).isTrue();

        // When the pass is over and the held members are released in steps
        book.holdNewMembers(false);
        assertThat(book.release(12)).isEqualTo(12);
        assertThat(book.release(100)).isEqualTo(18);

        // Then each is published once, joined, with its causes, and the ripple finds nothing left to republish
        assertThat(scores).hasSize(30);
        assertThat(scores).extracting(EnterpriseScore::getCreditCode).doesNotHaveDuplicates();
        assertThat(scores).allSatisfy(sc -> assertThat(sc.getExplanation().getCauseEventIds()).hasSize(1));
        assertThat(subjects("zone:ZONE-A:startup", RankingChangeKind.JOINED)).hasSize(30);
        assertThat(book.holdsMembers()).isFalse();
        assertThat(book.cohortSize("zone:ZONE-A:startup")).isEqualTo(30);
        assertThat(book.ripple()).isZero();

        // while the same commits published as they come leave members to the ripple's second publication
        scores.clear();
        memberBytes.clear();
        StageBook unheld = newBook();
        for (int from = 0; from < 30; from += 10) {
            List<StageMessage> commit = burst.subList(from, from + 10);
            unheld.prepare(commit);
            commit.forEach(unheld::apply);
            unheld.endBatch();
        }
        assertThat(unheld.ripple()).isGreaterThan(0);
    }

    @Test
    void shouldStillHoldAfterARestartAndNotPublishAHeldMemberThatLeft() {
        // Given two new members held during a bulk pass, one of which then leaves the stage
        StageBook book = newBook();
        book.holdNewMembers(true);
        book.apply(message(1, 300, 30, 1));
        book.apply(message(2, 300, 60, 1));
        book.apply(leave(2, "startup", 2, "opportunity-growth"));

        // Then the one that left is not reported as leaving (it never joined), and its HANDOVER has nothing published
        assertThat(changes).isEmpty();
        assertThat(handoversSent).singleElement().satisfies(h ->
                assertThat(((StageMessage.Handover) h).publishedPoints()).isNull());

        // When the task restarts (indexes rebuilt from the store) after the pass
        StageBook restarted = newBook();
        restarted.rebuild();

        // Then it still holds the other and publishes it once released; a later SCORE of it is ranked as usual
        assertThat(restarted.holdsMembers()).isTrue();
        assertThat(restarted.release(10)).isEqualTo(1);
        assertThat(scores).extracting(EnterpriseScore::getCreditCode).containsExactly(code(1));
        assertThat(restarted.cohortSize("zone:ZONE-A:startup")).isEqualTo(1);
        restarted.apply(message(1, 300, 40, 3));
        assertThat(scores).hasSize(2);
        assertThat(lastScore(1).getExplanation().getPreviousTotal()).isEqualTo(scores.get(0).getTotal());
    }

    @Test
    void shouldLeaveAHeldMemberScoredUnderAReplacedModelToItsRescore() {
        // Given a member held during a sweep under the official model
        StageBook book = newBook();
        book.holdNewMembers(true);
        book.apply(message(1, 300, 30, 1));

        // When another model is activated before the release
        book.holdNewMembers(false);
        book.official(ScoringModel.builtin("national-2024"));

        // Then the release publishes nothing and does not fail (the old model is no longer known here)
        assertThat(book.release(10)).isZero();
        assertThat(scores).isEmpty();
        assertThat(book.holdsMembers()).isFalse();
    }

    @Test
    void shouldPublishAHeldMemberAtOnceWhenItsNextScoreComesOutsideABulkPass() {
        // Given a member held during a pass
        StageBook book = newBook();
        book.holdNewMembers(true);
        book.apply(message(1, 300, 30, 1));
        assertThat(scores).isEmpty();

        // When its next SCORE comes after the pass, before any release
        book.holdNewMembers(false);
        book.apply(message(1, 300, 40, 2));

        // Then that SCORE publishes it, with the causes of both, and there is nothing left to release
        assertThat(scores).singleElement().satisfies(sc -> assertThat(sc.getExplanation().getCauseEventIds())
                .containsExactly("f1-1", "f1-2"));
        assertThat(book.release(10)).isZero();
        assertThat(scores).hasSize(1);
    }

    @Test
    void shouldLeaveMembersScoredUnderAnotherModelThanTheOfficialOneToTheirRescore() {
        // Given a cohort whose distributions moved under its members (a burst applied one by one: the ripple owes
        // most of them a republication)
        StageBook book = newBook();
        burstOf30().forEach(book::apply);

        // When another model is activated before the ripple runs (their SCOREs under it are on their way)
        book.official(ScoringModel.builtin("national-2024"));

        // Then the ripple republishes none of them under the old model
        scores.clear();
        assertThat(book.ripple()).isZero();
        assertThat(scores).isEmpty();
    }

    @Test
    void shouldKeepAPreparedMemberThatWaitsForItsHandoverOutOfTheDistribution() {
        // Given an enterprise arrived from another stage, waiting for its HANDOVER
        StageBook book = newBook();
        book.apply(message(2, 300, 30, 1));
        book.apply(message(1, 300, 90, 2, "opportunity-growth"));
        assertThat(book.cohortSize("zone:ZONE-A:startup")).isEqualTo(1);

        // When a newer SCORE of it comes in a prepared commit with another member's
        List<StageMessage> batch = List.of(message(1, 300, 60, 3, "startup"), message(3, 300, 10, 1));
        book.prepare(batch);
        batch.forEach(book::apply);
        book.endBatch();

        // Then it still waits (unranked, in no distribution), as a rebuild from the store has it
        StageBook rebuilt = newBook();
        rebuilt.rebuild();
        assertThat(book.cohortSize("zone:ZONE-A:startup")).isEqualTo(2);
        assertThat(book.distributionSize("zone:ZONE-A:startup", "rd-intensity")).isEqualTo(2)
                .isEqualTo(rebuilt.distributionSize("zone:ZONE-A:startup", "rd-intensity"));
    }

    @Test
    void shouldKeepTheDistributionsAsTheStoreHasThemWhenOneCommitCarriesTwoScoresOfAnEnterpriseAroundAStageChange() {
        // Given a start-up published with one year of filings (R&D intensity, no revenue growth)
        StageBook book = newBook();
        book.apply(message(1, 300, 30, 1));
        book.apply(message(2, 300, 60, 1));

        // When one commit brings its next SCORE, its departure, its return (waiting for the HANDOVER) and a SCORE
        // with two years of filings (revenue growth too) that is no arrival, while it still waits
        List<StageMessage> batch = List.of(message(1, 300, 40, 2, "startup"), leave(1, "startup", 3,
                        "opportunity-growth"), growing(1, 5, "opportunity-growth"), growing(1, 9, "startup"),
                message(3, 300, 10, 1));
        book.prepare(batch);
        batch.forEach(book::apply);
        book.endBatch();

        // Then the waiting enterprise is in no distribution: the distributions equal those rebuilt from the store
        // (it stayed behind in the revenue-growth distribution, a member no store had: every percentile point of
        // the cohort was off by one member until the app restarted)
        StageBook rebuilt = newBook();
        rebuilt.rebuild();
        for (String indicator : List.of("rd-intensity", "revenue-growth")) {
            assertThat(book.distributionSize("zone:ZONE-A:startup", indicator)).as(indicator)
                    .isEqualTo(rebuilt.distributionSize("zone:ZONE-A:startup", indicator));
        }
        assertThat(rebuilt.distributionSize("zone:ZONE-A:startup", "rd-intensity")).isEqualTo(2);
    }

    @Test
    void shouldHoldInMemoryExactlyWhatARebuildFromTheStoreHoldsAfterEveryCommit() {
        // Given a start-up cohort whose enterprises leave and come back (waiting for their HANDOVERs), with one or
        // two years of filings (so revenue growth comes and goes), in commits of random size
        Random random = new Random(7);
        StageBook book = newBook();
        int population = 8;
        long[] seq = new long[population + 1];
        boolean[] away = new boolean[population + 1];
        List<StageMessage> owedHandovers = new ArrayList<>();
        String cohort = "zone:ZONE-A:startup";
        for (int step = 0; step < 400; step++) {
            List<StageMessage> batch = new ArrayList<>();
            int size = 1 + random.nextInt(8);
            for (int i = 0; i < size; i++) {
                int n = 1 + random.nextInt(population);
                int kind = random.nextInt(6);
                if (!owedHandovers.isEmpty() && kind == 0) {
                    batch.add(owedHandovers.remove(random.nextInt(owedHandovers.size())));
                } else if (!away[n] && kind == 1) {
                    batch.add(leave(n, "startup", ++seq[n], "opportunity-growth"));
                    away[n] = true;
                } else if (away[n]) {
                    long s = ++seq[n];
                    batch.add(scoreOf(n, s, "opportunity-growth", random));
                    owedHandovers.add(new StageMessage.Handover(code(n), "startup", s, T.toEpochMilli(),
                            "opportunity-growth", model.key(), null, List.of()));
                    away[n] = false;
                } else {
                    batch.add(scoreOf(n, ++seq[n], seq[n] == 1 ? null : "startup", random));
                }
            }
            // When the commit is prepared and applied
            book.prepare(batch);
            batch.forEach(book::apply);
            book.endBatch();

            // Then the indexes equal those a rebuild from the store makes
            StageBook rebuilt = newBook();
            rebuilt.rebuild();
            assertThat(book.cohortSize(cohort)).as("step %d", step).isEqualTo(rebuilt.cohortSize(cohort));
            for (String indicator : List.of("rd-intensity", "revenue-growth")) {
                assertThat(book.distributionSize(cohort, indicator)).as("step %d %s", step, indicator)
                        .isEqualTo(rebuilt.distributionSize(cohort, indicator));
            }
        }
    }

    private StageMessage.Score scoreOf(int n, long seq, String previousStage, Random random) {
        return random.nextBoolean() ? growing(n, seq, previousStage)
                : message(n, 300, 1 + random.nextInt(30), seq, previousStage);
    }

    /** A SCORE of enterprise n with two years of filings (revenue growth and R&D intensity). */
    private StageMessage.Score growing(int n, long seq, String previousStage) {
        EnterpriseProfile p = Profiles.foldAll(Profiles.empty(code(n)),
                List.of(registration(code(n), "ZONE-A").setEventId("r" + n).build(),
                        annual(code(n), 2023, 200, 20).setEventId("g" + n + "-" + seq).build(),
                        annual(code(n), 2024, 300, 35).setEventId("f" + n + "-" + seq).build()));
        return StageMessage.Score.of(Evaluator.evaluate(model, p, T), ChangeKind.DATA, seq, List.of("f" + n + "-" + seq),
                previousStage);
    }

    @Test
    void shouldRippleALargeRoundInStepsThatEndWhereOneFullRoundEnds() {
        // Given 30 start-ups applied one by one, so most of their percentile points are stale
        List<StageMessage> burst = burstOf30();
        StageBook stepped = newBook();
        burst.forEach(stepped::apply);
        scores.clear();

        // When the ripple may publish at most 3 members per step
        List<Integer> steps = new ArrayList<>();
        do {
            steps.add(stepped.ripple(3));
        } while (stepped.rippling());

        // Then no step publishes more than 3, and the round republishes everyone a full round would
        assertThat(steps).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
        assertThat(steps.size()).isGreaterThan(3);
        Map<String, Double> steppedTotals = new TreeMap<>();
        scores.forEach(sc -> steppedTotals.put(sc.getCreditCode(), sc.getTotal()));
        assertThat(stepped.ripple()).isZero();

        scores.clear();
        memberBytes.clear();
        StageBook full = newBook();
        burst.forEach(full::apply);
        scores.clear();
        full.ripple();
        Map<String, Double> fullTotals = new TreeMap<>();
        scores.forEach(sc -> fullTotals.put(sc.getCreditCode(), sc.getTotal()));
        assertThat(steppedTotals).isEqualTo(fullTotals).hasSizeGreaterThan(10);
    }

    /** First SCOREs of 30 start-ups with different R&D intensities (so different percentile points). */
    private List<StageMessage> burstOf30() {
        List<StageMessage> burst = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            burst.add(message(n, 300, 3 * n, 1));
        }
        return burst;
    }
}

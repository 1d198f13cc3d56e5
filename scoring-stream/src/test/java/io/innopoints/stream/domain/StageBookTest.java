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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rank stage's domain without Kafka: the member store is the truth, the indexes a cache rebuilt from it. */
class StageBookTest {
    private static final Instant T = Instant.parse("2025-06-01T00:00:00Z");
    private final ScoringModel model = ScoringModel.builtin("zone-20n");
    private final Map<String, byte[]> memberBytes = new TreeMap<>();
    private final Map<String, BoardState> boards = new TreeMap<>();
    private final List<EnterpriseScore> scores = new ArrayList<>();
    private final List<Leaderboard> leaderboards = new ArrayList<>();

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
        }

        @Override
        public void leaderboard(Leaderboard board) {
            leaderboards.add(board);
        }
    };

    private StageBook newBook() {
        return new StageBook(model, k -> null, members, new BoardStore() {
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

    private StageMessage message(int n, double revenue, double rd, long seq) {
        EnterpriseProfile p = Profiles.foldAll(Profiles.empty(code(n)),
                List.of(registration(code(n), "ZONE-A").setEventId("r" + n).build(),
                        annual(code(n), 2024, revenue, rd).setEventId("f" + n + "-" + seq).build()));
        // one filing per message: the latest replaces the earlier ones as an amendment would
        return StageMessage.score(Evaluator.evaluate(model, p, T), ChangeKind.DATA, seq, List.of("f" + n), null, null);
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
        StageMessage m = message(7, 300, 30, 3);
        StageMessage back = InternalCodec.decodeMessage(InternalCodec.encode(m));
        assertThat(back.creditCode()).isEqualTo(m.creditCode());
        assertThat(back.registration()).isEqualTo(m.registration());
        assertThat(back.values()).containsExactly(m.values());
        assertThat(back.points()).containsExactly(m.points());
        assertThat(back.percentileInputs()).isEqualTo(m.percentileInputs());
        assertThat(back.profileSeq()).isEqualTo(3);
    }
}

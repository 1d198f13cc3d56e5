package io.innopoints.stream.topology;

import static io.innopoints.stream.support.Events.annual;
import static io.innopoints.stream.support.Events.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.stream.domain.FactOrigin;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A profile's decoded facts keep, per kind, the highest input offset among their origins as facts are written,
 * replaced, removed and retracted: it must always equal the maximum over the origins they hold (what an evaluation
 * records as seen, {@link ProfileFactStore#through}).
 */
class DecodedThroughProperties {

    /** One write: 0 put, 1 remove, 2 retract; few eventIds, so writes replace and remove each other's facts. */
    record Op(int what, Kind kind, int event, long offset) {
    }

    @Property
    void equalsTheHighestOffsetAmongTheOrigins(@ForAll("writes") List<Op> ops) {
        ProfileFactStore.Decoded decoded = new ProfileFactStore.Decoded();
        for (Op op : ops) {
            String eventId = "e" + op.event();
            FactOrigin origin = new FactOrigin(eventId, op.kind(), op.offset());
            switch (op.what()) {
                case 0 -> decoded.put(op.kind(), eventId, annual(code(1), 2024, 500, 100).setEventId(eventId).build(),
                        op.offset() % 5 == 0 ? null : origin); // some facts stored before origins existed
                case 1 -> decoded.remove(op.kind(), eventId);
                default -> decoded.retract(eventId, origin);
            }
            long[] expected = FactOrigin.none();
            for (FactOrigin o : decoded.origins()) {
                expected[o.kind().ordinal()] = Math.max(expected[o.kind().ordinal()], o.offset());
            }
            assertThat(decoded.through()).containsExactly(expected);
        }
    }

    @Provide
    Arbitrary<List<Op>> writes() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 4),
                Arbitraries.longs().between(0, 50)).as(Op::new);
        return op.list().ofMaxSize(40);
    }
}

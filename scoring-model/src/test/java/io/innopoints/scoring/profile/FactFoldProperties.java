package io.innopoints.scoring.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.scoring.profile.FactFold.Write;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Folding against stored facts reaches the same profile, with the same outcome per event, as {@link Profiles#fold}. */
class FactFoldProperties {

    /** Facts kept the way a key-value store keeps them: one entry per kind and eventId, one per retracted id. */
    private static final class MapFacts implements FactFold.Facts {
        final Map<String, SpecificRecord> events = new TreeMap<>();
        final TreeSet<String> retracted = new TreeSet<>();

        @Override
        public SpecificRecord event(Kind kind, String eventId) {
            return events.get(kind + "|" + eventId);
        }

        @Override
        public boolean retracted(String eventId) {
            return retracted.contains(eventId);
        }

        void apply(List<Write> writes) {
            for (Write w : writes) {
                if (w instanceof Write.Put p) {
                    events.put(p.kind() + "|" + p.event().get(0), p.event());
                } else if (w instanceof Write.Delete d) {
                    assertThat(events.remove(d.kind() + "|" + d.eventId())).isNotNull();
                } else if (w instanceof Write.Retract r) {
                    assertThat(retracted.add(r.eventId())).isTrue();
                }
            }
        }

        EnterpriseProfile profile() {
            List<SpecificRecord> all = new ArrayList<>(events.values());
            Collections.reverse(all); // any order
            return FactFold.assemble(Events.CODE, all, retracted.descendingSet());
        }
    }

    @Property(tries = 200)
    void shouldReachTheProfileAndOutcomesOfProfilesFoldForAnyLog(@ForAll long seed, @ForAll long shuffleSeed) {
        // Given a log with duplicates, retractions and same-eventId events of other content, in any arrival order
        RandomLog log = new RandomLog(seed);
        List<SpecificRecord> events = log.withNoise(log.enterprise(Events.CODE, 10, "ZONE-A"));
        Random random = new Random(shuffleSeed);
        for (SpecificRecord e : List.copyOf(events)) {
            if (random.nextInt(8) == 0) {
                SpecificRecord other = SpecificData.get().deepCopy(e.getSchema(), e);
                other.put(e.getSchema().getField("provider").pos(), "other-provider-" + random.nextInt(3));
                events.add(other);
            }
        }
        Collections.shuffle(events, random);

        // When each event is folded both ways
        MapFacts facts = new MapFacts();
        EnterpriseProfile profile = Profiles.empty(Events.CODE);
        for (SpecificRecord e : events) {
            FoldResult expected = Profiles.fold(profile, e);
            FactFold.Result result = FactFold.fold(Events.CODE, facts, e);
            // Then every step agrees, and nothing is written when nothing changed
            assertThat(result.outcome()).as("folding %s", e).isEqualTo(expected.outcome());
            assertThat(result.writes().isEmpty()).isEqualTo(!expected.changed());
            facts.apply(result.writes());
            profile = expected.profile();
        }
        // and the facts give back the same profile
        assertThat(facts.profile()).isEqualTo(profile);
    }

    @Test
    void shouldRefuseAnEventOfAnotherEnterprise() {
        SpecificRecord other = new RandomLog(1).enterprise(Events.CODE, 1, "ZONE-A").get(0);
        assertThatThrownBy(() -> FactFold.fold("91110000000000000X", new MapFacts(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is for " + Events.CODE);
    }
}

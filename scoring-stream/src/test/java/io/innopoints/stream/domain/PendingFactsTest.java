package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.scoring.profile.FactFold;
import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.scoring.profile.FoldResult;
import io.innopoints.stream.support.Events;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PendingFactsTest {
    private static final String CODE = Events.code(3);
    private final Map<String, SpecificRecord> stored = new HashMap<>();
    private final Set<String> storedRetracted = new HashSet<>();
    private final FactFold.Facts store = new FactFold.Facts() {
        @Override
        public SpecificRecord event(Kind kind, String eventId) {
            return stored.get(kind + "|" + eventId);
        }

        @Override
        public boolean retracted(String eventId) {
            return storedRetracted.contains(eventId);
        }
    };

    private FoldResult.Outcome fold(PendingFacts pending, SpecificRecord event) {
        FactFold.Result r = FactFold.fold(CODE, pending.over(store), event);
        if (r.changed()) {
            pending.add(event, (String) event.get(0), new byte[] {1}, r.writes(),
                    new FactOrigin((String) event.get(0), FactFold.Kind.of(event), 0));
        }
        return r.outcome();
    }

    @Test
    void shouldFoldLaterEventsOfACommitAgainstItsEarlierOnes() {
        // Given a filing folded earlier in the same commit (not yet stored)
        PendingFacts pending = new PendingFacts();
        TaxFilingEvent filing = Events.annual(CODE, 2024, 500, 50).build();
        assertThat(fold(pending, filing)).isEqualTo(FoldResult.Outcome.ADDED);

        // When it arrives again, then is retracted, then arrives once more
        assertThat(fold(pending, filing)).isEqualTo(FoldResult.Outcome.DUPLICATE);
        SpecificRecord retraction = Events.retraction(filing);
        assertThat(fold(pending, retraction)).isEqualTo(FoldResult.Outcome.RETRACTED);
        assertThat(fold(pending, filing)).isEqualTo(FoldResult.Outcome.BLOCKED);

        // Then the commit writes the net effect once per fact: the filing deleted, its id retracted
        assertThat(pending.writes()).containsExactly(
                new FactFold.Write.Delete(Kind.TAX_FILING, filing.getEventId()),
                new FactFold.Write.Retract(filing.getEventId()));
        assertThat(pending.causes()).containsExactly(filing.getEventId(), (String) retraction.get(0));
    }

    @Test
    void shouldSeeTheStoredFactsUnderTheCommitsWrites() {
        TaxFilingEvent filing = Events.annual(CODE, 2024, 500, 50).build();
        stored.put(Kind.TAX_FILING + "|" + filing.getEventId(), filing);

        PendingFacts pending = new PendingFacts();

        assertThat(fold(pending, filing)).isEqualTo(FoldResult.Outcome.DUPLICATE);
        assertThat(pending.writes()).isEmpty();
        assertThat(pending.causes()).isEmpty();
        assertThat(List.copyOf(pending.writes())).isEmpty();
    }
}

package io.innopoints.stream.topology;

import static io.innopoints.stream.support.Events.annual;
import static io.innopoints.stream.support.Events.code;
import static io.innopoints.stream.support.Events.registration;
import static io.innopoints.stream.support.Harness.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.stream.domain.FactOrigin;
import io.innopoints.stream.support.Harness;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The profile fact store's value format as the topology writes it: each fact with the origin of the event that wrote it
 * (the causes of a deferred evaluation come from there), and values of earlier versions without one, which read the
 * same but never count as causes. Each test reads the store through a new {@link ProfileFactStore} with no decoded
 * copies, so what it sees comes from the stored bytes.
 */
class ProfileFactStoreTest {
    @AutoClose
    private final Harness h = new Harness(ScoringModel.builtin("national-2024"));

    @Test
    void shouldStoreEachFactWithTheKindAndInputOffsetOfTheEventThatWroteIt() {
        // Given an enterprise's registration (offset 0 of its topic) and two annual filings (offsets 0 and 1 of theirs)
        String a = code(1);
        EnterpriseRegistration reg = registration(a, "ZONE-A").build();
        TaxFilingEvent first = annual(a, 2023, 400, 80).build();
        TaxFilingEvent second = annual(a, 2024, 500, 100).build();
        h.send(reg, T);
        h.send(first, T.plusSeconds(1));
        h.send(second, T.plusSeconds(2));

        // Then each value starts with the origin header: the marker byte, the kind, the offset it was read at
        byte[] value = facts().get(a + "|R" + reg.getEventId());
        assertThat(value[0]).isEqualTo(ProfileFactStore.ORIGIN);
        assertThat(value[1]).isEqualTo((byte) Kind.REGISTRATION.ordinal());
        assertThat(ByteBuffer.wrap(value, 2, 8).getLong()).isZero();
        assertThat(ByteBuffer.wrap(facts().get(a + "|T" + second.getEventId()), 2, 8).getLong()).isEqualTo(1);

        // And the profile reads back from the bytes alone, with the highest offset per kind it has seen
        ProfileFactStore store = fresh();
        EnterpriseProfile profile = store.load(a);
        assertThat(profile.getRegistrations()).hasSize(1);
        assertThat(profile.getTaxFilings()).hasSize(2);
        long[] through = store.through(a);
        assertThat(through[Kind.REGISTRATION.ordinal()]).isZero();
        assertThat(through[Kind.TAX_FILING.ordinal()]).isEqualTo(1);
        assertThat(through[Kind.PATENT.ordinal()]).isEqualTo(-1);

        // And the causes after an evaluation that saw the registration and the first filing are the second filing
        long[] seen = FactOrigin.none();
        seen[Kind.REGISTRATION.ordinal()] = 0;
        seen[Kind.TAX_FILING.ordinal()] = 0;
        assertThat(store.causesAfter(a, seen)).containsExactly(second.getEventId().toString());
        assertThat(store.causesAfter(a, through)).isEmpty();
    }

    @Test
    void shouldNeverCountFactsStoredWithoutAnOriginAsCauses() {
        // Given an enterprise's facts as a version before origins stored them: the event as received, nothing before it
        String a = code(1);
        h.send(registration(a, "ZONE-A").build(), T);
        h.send(annual(a, 2024, 500, 100).build(), T.plusSeconds(1));
        KeyValueStore<String, byte[]> facts = facts();
        List<KeyValue<String, byte[]>> stored = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = facts.all()) {
            it.forEachRemaining(stored::add);
        }
        assertThat(stored).hasSize(2);
        stored.forEach(kv -> facts.put(kv.key, Arrays.copyOfRange(kv.value, ProfileFactStore.HEADER, kv.value.length)));

        // When the store reads them
        ProfileFactStore store = fresh();

        // Then the profile is the same, but no fact counts as read after an evaluation, not even after an unknown one
        assertThat(store.load(a).getRegistrations()).hasSize(1);
        assertThat(store.load(a).getTaxFilings()).hasSize(1);
        assertThat(store.causesAfter(a, null)).isEmpty();
        assertThat(store.through(a)).containsOnly(-1L);
    }

    private KeyValueStore<String, byte[]> facts() {
        return h.store(ScoringTopology.PROFILE_STORE);
    }

    /** A store over the topology's facts with no decoded copies of its own. */
    private ProfileFactStore fresh() {
        return new ProfileFactStore(facts(), h.serdes, Harness.APP, ProfileFactStore.recentCopies(10));
    }
}

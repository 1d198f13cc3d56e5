package io.innopoints.stream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.profile.Profiles;
import io.innopoints.stream.domain.ProfileChanges.Change;
import io.innopoints.stream.domain.ProfileChanges.Fact;
import io.innopoints.stream.domain.ProfileChanges.Slot;
import io.innopoints.stream.support.Events;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ProfileChangesTest {
    private static final String CODE = Events.code(7);

    /** A stand-in for the fact store: (slot, eventId) → record (null for a retracted id). */
    private final Map<String, Fact> stored = new TreeMap<>();

    private void apply(List<Change> changes) {
        for (Change c : changes) {
            String key = c.slot().tag() + c.eventId();
            if (c.delete()) {
                assertThat(stored.remove(key)).as("deleted %s was stored", key).isNotNull();
            } else {
                stored.put(key, new Fact(c.slot(), c.eventId(), c.record()));
            }
        }
    }

    private EnterpriseProfile reassembled() {
        List<Fact> facts = new ArrayList<>(stored.values());
        Collections.shuffle(facts, new Random(1)); // the store's order must not matter
        return ProfileChanges.assemble(CODE, facts);
    }

    @Test
    void shouldWriteOnlyTheFactsAnEventAddedAndRebuildTheSameProfile() {
        // given a stored profile of a registration, two filings and a patent
        TaxFilingEvent filing = Events.annual(CODE, 2023, 1000, 50).build();
        EnterpriseProfile before = Profiles.foldAll(Profiles.empty(CODE), List.of(
                Events.registration(CODE, "Z1").build(), filing, Events.annual(CODE, 2024, 1200, 60).build(),
                Events.patent(CODE, "CN1", "2024-05-01").build()));
        apply(ProfileChanges.between(null, before));

        // when one more patent is folded
        PatentEvent patent = Events.patent(CODE, "CN2", "2024-06-01").build();
        EnterpriseProfile after = Profiles.fold(before, patent).profile();
        List<Change> changes = ProfileChanges.between(before, after);

        // then exactly that patent is written, and the facts give the profile back
        assertThat(changes).containsExactly(new Change(Slot.PATENT, patent.getEventId(), patent, false));
        apply(changes);
        assertThat(reassembled()).isEqualTo(after);
    }

    @Test
    void shouldDeleteARetractedEventAndKeepItsIdBlocked() {
        TaxFilingEvent filing = Events.annual(CODE, 2023, 1000, 50).build();
        EnterpriseProfile before = Profiles.foldAll(Profiles.empty(CODE),
                List.of(Events.registration(CODE, "Z1").build(), filing));
        apply(ProfileChanges.between(null, before));

        EnterpriseProfile after = Profiles.fold(before, Events.retraction(filing)).profile();
        List<Change> changes = ProfileChanges.between(before, after);

        assertThat(changes).containsExactlyInAnyOrder(
                new Change(Slot.TAX_FILING, filing.getEventId(), null, true),
                new Change(Slot.RETRACTED, filing.getEventId(), null, false));
        apply(changes);
        assertThat(reassembled()).isEqualTo(after);
        // the filing arriving again later stays out
        assertThat(Profiles.fold(reassembled(), filing).changed()).isFalse();
    }

    @Test
    void shouldRebuildEveryProfileOfARandomHistoryFromTheFactsWrittenPerCommit() {
        Random random = new Random(42);
        List<SpecificRecord> events = new ArrayList<>();
        events.add(Events.registration(CODE, "Z1").build());
        for (int i = 0; i < 60; i++) {
            SpecificRecord e = switch (random.nextInt(4)) {
                case 0 -> Events.annual(CODE, 2015 + random.nextInt(10), random.nextInt(5000), random.nextInt(300))
                        .build();
                case 1 -> Events.patent(CODE, "CN" + random.nextInt(20), "2024-0" + (1 + random.nextInt(9)) + "-01")
                        .build();
                case 2 -> Events.qualification(CODE, "Q" + random.nextInt(5), "2023-01-01", null).build();
                default -> events.get(random.nextInt(events.size()));  // a duplicate
            };
            events.add(e);
            if (e instanceof TaxFilingEvent t && random.nextInt(5) == 0) {
                events.add(Events.retraction(t));
            }
        }
        // when the events are folded in commits of random size, each commit writing only its changes
        EnterpriseProfile stored = null;
        EnterpriseProfile profile = Profiles.empty(CODE);
        for (int i = 0; i < events.size(); i++) {
            profile = Profiles.fold(profile, events.get(i)).profile();
            if (random.nextInt(3) == 0 || i == events.size() - 1) {
                apply(ProfileChanges.between(stored, profile));
                stored = profile;
                // then after every commit the facts give exactly the folded profile
                assertThat(reassembled()).isEqualTo(profile);
            }
        }
        assertThat(profile).isEqualTo(Profiles.foldAll(Profiles.empty(CODE), events));
    }
}

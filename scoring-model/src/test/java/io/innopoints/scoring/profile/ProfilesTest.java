package io.innopoints.scoring.profile;

import static io.innopoints.scoring.support.Events.CODE;
import static io.innopoints.scoring.support.Events.annual;
import static io.innopoints.scoring.support.Events.patent;
import static io.innopoints.scoring.support.Events.registration;
import static io.innopoints.scoring.support.Events.retraction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.profile.FoldResult.Outcome;
import io.innopoints.scoring.support.Events;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    private final PatentEvent granted = patent(CODE, "P1", PatentType.INVENTION, PatentAction.GRANTED, "2023-01-01").build();

    @Test
    void shouldAddANewEventAndReportTheChange() {
        // When
        FoldResult result = Profiles.fold(Profiles.empty(CODE), granted);

        // Then
        assertThat(result.outcome()).isEqualTo(Outcome.ADDED);
        assertThat(result.changed()).isTrue();
        assertThat(result.profile().getPatents()).containsExactly(granted);
    }

    @Test
    void shouldIgnoreADuplicateEventId() {
        // Given
        EnterpriseProfile profile = Events.profile(CODE, granted);

        // When
        FoldResult again = Profiles.fold(profile, granted);

        // Then
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.changed()).isFalse();
        assertThat(again.profile()).isSameAs(profile);
    }

    @Test
    void shouldKeepTheSameRecordForConflictingContentUnderOneEventIdWhateverTheOrder() {
        // Given two different payloads under one eventId (a provider error)
        PatentEvent other = PatentEvent.newBuilder(granted).setPatentNumber("P9").build();

        // When
        EnterpriseProfile ab = Events.profile(CODE, granted, other);
        EnterpriseProfile ba = Events.profile(CODE, other, granted);

        // Then
        assertThat(ab).isEqualTo(ba);
        assertThat(ab.getPatents()).hasSize(1);
    }

    @Test
    void shouldRemoveTheTargetOfARetraction() {
        // Given
        EnterpriseProfile profile = Events.profile(CODE, granted);

        // When
        FoldResult result = Profiles.fold(profile, retraction(granted));

        // Then
        assertThat(result.outcome()).isEqualTo(Outcome.RETRACTED);
        assertThat(result.profile().getPatents()).isEmpty();
        assertThat(result.profile().getRetractedEventIds()).containsExactly(granted.getEventId());
    }

    @Test
    void shouldBlockATargetThatArrivesAfterItsRetraction() {
        // Given
        SpecificRecord retraction = retraction(granted);
        FoldResult first = Profiles.fold(Profiles.empty(CODE), retraction);

        // When
        FoldResult late = Profiles.fold(first.profile(), granted);

        // Then
        assertThat(first.outcome()).isEqualTo(Outcome.RETRACTION_RECORDED);
        assertThat(first.changed()).isTrue();
        assertThat(late.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(late.changed()).isFalse();
        assertThat(late.profile()).isEqualTo(Events.profile(CODE, granted, retraction));
    }

    @Test
    void shouldTreatARepeatedRetractionAsNoChange() {
        // Given
        SpecificRecord retraction = retraction(granted);
        EnterpriseProfile profile = Events.profile(CODE, granted, retraction);

        // Then
        assertThat(Profiles.fold(profile, retraction).outcome()).isEqualTo(Outcome.RETRACTION_DUPLICATE);
    }

    @Test
    void shouldKeepEveryFilingForThePeriodAndLeaveSupersedingToTheFacts() {
        // Given an original and an amended filing for 2023
        TaxFilingEvent original = annual(CODE, 2023).setRevenueFen(100).build();
        TaxFilingEvent amended = annual(CODE, 2023).setRevenueFen(200)
                .setFilingDate(original.getFilingDate().plusDays(10)).build();

        // When
        EnterpriseProfile profile = Events.profile(CODE, amended, original);

        // Then
        assertThat(profile.getTaxFilings()).containsExactlyInAnyOrder(original, amended);
    }

    @Test
    void shouldNotMutateTheInputProfile() {
        // Given
        EnterpriseProfile profile = Events.profile(CODE, registration(CODE).build());
        EnterpriseProfile copy = EnterpriseProfile.newBuilder(profile).build();

        // When
        Profiles.fold(profile, granted);

        // Then
        assertThat(profile).isEqualTo(copy);
    }

    @Test
    void shouldNormalizeAnUnsortedHandMadeProfileIntoTheFoldedForm() {
        // Given a profile assembled out of order, with a duplicate and a retracted event still present
        PatentEvent second = patent(CODE, "P2", PatentType.PCT, PatentAction.FILED, "2023-02-01").setEventId("z-2").build();
        PatentEvent first = PatentEvent.newBuilder(granted).setEventId("a-1").build();
        EnterpriseProfile messy = new EnterpriseProfile(CODE, java.util.List.of(),
                new java.util.ArrayList<>(java.util.List.of(second, first, second)), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), new java.util.ArrayList<>(java.util.List.of("z-2", "x", "x")));

        // When
        EnterpriseProfile normal = Profiles.normalize(messy);

        // Then
        assertThat(normal.getPatents()).containsExactly(first);
        assertThat(normal.getRetractedEventIds()).containsExactly("x", "z-2");
        assertThat(Profiles.normalize(normal)).isEqualTo(normal);
    }

    @Test
    void shouldRejectAnEventOfAnotherEnterprise() {
        // Given
        PatentEvent foreign = PatentEvent.newBuilder(granted).setCreditCode(Events.code(2)).build();

        // Then
        assertThatThrownBy(() -> Profiles.fold(Profiles.empty(CODE), foreign))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Events.code(2));
    }
}

package io.innopoints.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.EnterpriseStatus;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class EventHeaderTest {

    @Test
    void shouldFindTheHeaderInEveryInputEventType() {
        for (EventType type : EventType.values()) {
            Schema schema = SpecificData.get().getSchema(type.recordClass());
            for (String field : new String[] {"eventId", "provider", "creditCode", "retractsEventId"}) {
                assertThat(schema.getField(field)).as("%s.%s", type, field).isNotNull();
            }
        }
    }

    @Test
    void shouldReadTheHeaderOfAnEvent() {
        EnterpriseRegistration r = EnterpriseRegistration.newBuilder().setEventId("r-1").setProvider("registry")
                .setCreditCode("91310000MA1FL8X04Q").setRetractsEventId("r-0").setEventTime(Instant.EPOCH)
                .setName("n").setZone("ZONE-A").setIndustry("I65").setFoundedDate(LocalDate.of(2020, 1, 1))
                .setStatus(EnterpriseStatus.ACTIVE).build();

        assertThat(EventHeader.of(r)).isEqualTo(new EventHeader("r-1", "registry", "91310000MA1FL8X04Q", "r-0"));
        assertThat(EventHeader.eventId(r)).isEqualTo("r-1");
    }

    @Test
    void shouldRefuseARecordThatIsNoInputEventNamingTheField() {
        assertThatThrownBy(() -> EventHeader.of(new DeadLetter())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DeadLetter is not an input event: it has no creditCode");
    }
}

package io.innopoints.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.validation.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroJsonHugeExponentTest {
    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1E999999999", "1.5e400", "123456789012345678901234567890.0"})
    void shouldReportNumbersWithHugeExponentsAsOutOfRangeInsteadOfFailing(String number) {
        // given a body whose integer and timestamp fields hold a number far beyond long
        String json = "{\"eventTime\":" + number + ",\"employees\":" + number + "}";
        // when
        var result = AvroJson.read(json, TaxFilingEvent.class);
        // then
        assertThat(result.problems()).filteredOn(p -> p.field().equals("eventTime") || p.field().equals("employees"))
                .extracting(Problem::reason).hasSize(2).allSatisfy(r -> assertThat(r).contains("out of range"));
    }
}

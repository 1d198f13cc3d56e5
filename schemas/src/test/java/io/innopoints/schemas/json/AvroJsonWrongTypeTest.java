package io.innopoints.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import org.junit.jupiter.api.Test;

class AvroJsonWrongTypeTest {
    @Test
    void shouldReportAWrongTypedPrimitiveFieldInsteadOfThrowing() {
        // Given a filing whose long and int fields hold text
        String json = "{\"eventId\":\"t\",\"eventTime\":0,\"provider\":\"tb\",\"creditCode\":\"91110108MA01234568\","
                + "\"fiscalYear\":2024,\"period\":\"ANNUAL\",\"filingDate\":\"2025-01-01\",\"revenueFen\":\"lots\","
                + "\"rdExpenseFen\":1,\"taxesPaidFen\":1,\"netProfitFen\":1,\"employees\":\"ten\",\"rdStaff\":1}";

        // When
        Validated<TaxFilingEvent> read = AvroJson.read(json, TaxFilingEvent.class);

        // Then both fields are named, no exception escapes
        assertThat(read.problems()).extracting(Problem::field).containsExactly("revenueFen", "employees");
    }
}

package io.innopoints.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.validation.Problem;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483648", "-1E2147483648", "1e2147483647", "1e-2147483648", "1e-2147483647",
            "0e2147483648", "12.5e9999999999999999999"})
    void shouldNameTheFieldOfANumberWithAnExponentBeyondAnyRepresentation(String number) {
        // given an absurd exponent in an amount
        String json = "{\"eventId\":\"c-1\",\"amountFen\":" + number + "}";
        // when
        var result = AvroJson.read(json, TechContractEvent.class);
        // then the amount is named, not the whole body, and nothing throws
        assertThat(result.problems()).filteredOn(p -> p.field().equals("amountFen")).singleElement()
                .satisfies(p -> assertThat(p.reason()).containsAnyOf("out of range", "whole number"));
    }

    @Test
    void shouldNameTheIndexAndFieldOfAnAbsurdNumberInsideAnArray() {
        // given a batch whose second element holds an exponent no BigDecimal can hold
        String json = "[{\"amountFen\":1},{\"eventId\":\"x\",\"amountFen\":1e2147483648}]";
        // when
        var result = AvroJson.parse(json);
        // then
        assertThat(result.problems()).extracting(Problem::field).containsExactly("[1].amountFen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-2147483647", "1e-500", "1e500"})
    void shouldRejectADecimalFieldWhoseMagnitudeIsBeyondAnyField(String number) {
        // given a percentage written with an absurd exponent (it must not silently become 0 or infinity)
        String json = "{\"equitySharePercent\":" + number + "}";
        // when
        var result = AvroJson.read(json, CredentialEvent.class);
        // then
        assertThat(result.problems()).filteredOn(p -> p.field().equals("equitySharePercent")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("out of range"));
    }
}

package io.innopoints.bench.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.validation.EventValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveFilingsTest {
    static final String CODE = "91110108MA0123456G";
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    static TaxFilingEvent annual(int year, long revenue, String id) {
        return TaxFilingEvent.newBuilder().setEventId(id).setEventTime(Instant.parse(year + 1 + "-03-01T00:00:00Z"))
                .setProvider("tax-bureau").setCreditCode(CODE).setRetractsEventId(null).setFiscalYear(year)
                .setPeriod(FiscalPeriod.ANNUAL).setFilingDate(LocalDate.of(year + 1, 3, 1)).setRevenueFen(revenue)
                .setRdExpenseFen(revenue / 10).setTaxesPaidFen(revenue / 20).setNetProfitFen(-revenue / 50)
                .setEmployees(40).setRdStaff(39).setHighLevelTalent(2).build();
    }

    @Test
    void shouldGrowEachFilingOverTheLatestAnnualOneForTheNextFiscalYearNeverRepeatingAmounts() {
        // Given an enterprise whose latest annual filing is for 2025 (an older one arrives later)
        LiveFilings filings = new LiveFilings();
        filings.observe(annual(2025, 1_000_000, "f-2025"));
        filings.observe(annual(2024, 500_000, "f-2024"));

        // When four live filings are made
        TaxFilingEvent first = filings.next(CODE, "live-1", NOW, TODAY);
        TaxFilingEvent second = filings.next(CODE, "live-2", NOW.plusSeconds(1), TODAY);
        TaxFilingEvent third = filings.next(CODE, "live-3", NOW.plusSeconds(2), TODAY);
        TaxFilingEvent fourth = filings.next(CODE, "live-4", NOW.plusSeconds(3), TODAY);

        // Then they are 2026 annual filings filed today, grown by 10%, 11%, 12% and 13% over 2025: no filing restores
        // an earlier one's amounts (however many of them one commit folds together, the values change)
        assertThat(first.getFiscalYear()).isEqualTo(2026);
        assertThat(second.getFiscalYear()).isEqualTo(2026);
        assertThat(first.getPeriod()).isEqualTo(FiscalPeriod.ANNUAL);
        assertThat(first.getFilingDate()).isEqualTo(TODAY);
        assertThat(first.getRevenueFen()).isEqualTo(1_100_000);
        assertThat(second.getRevenueFen()).isEqualTo(1_110_000);
        assertThat(third.getRevenueFen()).isEqualTo(1_120_000);
        assertThat(fourth.getRevenueFen()).isEqualTo(1_130_000);
        assertThat(fourth.getRdExpenseFen()).isGreaterThan(third.getRdExpenseFen());
        assertThat(first.getNetProfitFen()).isEqualTo(-22_000);
        // and R&D staff never exceeds employees after rounding
        assertThat(first.getRdStaff()).isLessThanOrEqualTo(first.getEmployees());
        assertThat(filings.enterprises()).containsExactly(CODE);
    }

    @Test
    void shouldMakeFilingsTheSharedValidatorAccepts() {
        LiveFilings filings = new LiveFilings();
        filings.observe(annual(2025, 3_000_000, "f-2025"));
        EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

        assertThat(validator.problems(filings.next(CODE, "live-1", NOW, TODAY))).isEmpty();
        assertThat(validator.problems(filings.next(CODE, "live-2", NOW, TODAY))).isEmpty();
    }

    @Test
    void shouldNotFileForAFiscalYearThatHasNotStarted() {
        LiveFilings filings = new LiveFilings();
        filings.observe(annual(2026, 3_000_000, "f-2026"));

        assertThat(filings.next(CODE, "live-1", NOW, TODAY).getFiscalYear()).isEqualTo(2026);
    }

    @Test
    void shouldIgnoreQuarterlyFilingsAndRetractionsAndRefuseUnknownEnterprises() {
        LiveFilings filings = new LiveFilings();
        TaxFilingEvent quarterly = annual(2025, 1, "q");
        quarterly.setPeriod(FiscalPeriod.Q1);
        TaxFilingEvent retraction = annual(2025, 1, "r");
        retraction.setRetractsEventId("x");
        filings.observe(quarterly);
        filings.observe(retraction);

        assertThat(filings.enterprises()).isEmpty();
        assertThatThrownBy(() -> filings.next(CODE, "live-1", NOW, TODAY)).hasMessageContaining("creditCode");
    }
}

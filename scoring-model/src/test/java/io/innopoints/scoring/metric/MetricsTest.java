package io.innopoints.scoring.metric;

import static io.innopoints.scoring.support.Events.CODE;
import static io.innopoints.scoring.support.Events.annual;
import static io.innopoints.scoring.support.Events.contract;
import static io.innopoints.scoring.support.Events.credential;
import static io.innopoints.scoring.support.Events.date;
import static io.innopoints.scoring.support.Events.patent;
import static io.innopoints.scoring.support.Events.registration;
import static io.innopoints.scoring.support.Events.time;
import static io.innopoints.scoring.support.Events.wan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.innopoints.schemas.event.ContractAction;
import io.innopoints.schemas.event.ContractRole;
import io.innopoints.schemas.event.CredentialAction;
import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.scoring.profile.FactView;
import io.innopoints.scoring.profile.ProfileFacts;
import io.innopoints.scoring.support.Events;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static FactView on(String day, SpecificRecord... events) {
        return ProfileFacts.of(Events.profile(CODE, events)).at(date(day));
    }

    private static Metric metric(String id) {
        return MetricCatalog.byId(id);
    }

    @Test
    void shouldCountAGrantedPatentFromItsGrantDateUntilNYearsLaterExclusive() {
        // Given a patent granted 2021-03-10 and the 3-year window
        var grant = patent(CODE, "P1", PatentType.INVENTION, PatentAction.GRANTED, "2021-03-10").build();
        Metric granted3y = metric("patents-granted");

        // Then
        assertThat(granted3y.value(on("2021-03-09", grant))).isZero();
        assertThat(granted3y.value(on("2021-03-10", grant))).isEqualTo(1);
        assertThat(granted3y.value(on("2024-03-09", grant))).isEqualTo(1);
        assertThat(granted3y.value(on("2024-03-10", grant))).isZero();
        assertThat(granted3y.nextChange(on("2021-03-09", grant))).isEqualTo(date("2021-03-10"));
        assertThat(granted3y.nextChange(on("2022-01-01", grant))).isEqualTo(date("2024-03-10"));
        assertThat(granted3y.nextChange(on("2024-03-10", grant))).isNull();
    }

    @Test
    void shouldCountOnlyHeldInventionAndPctPatentsAsValid() {
        // Given
        List<SpecificRecord> events = List.of(
                patent(CODE, "A", PatentType.INVENTION, PatentAction.GRANTED, "2020-01-01").build(),
                patent(CODE, "B", PatentType.PCT, PatentAction.GRANTED, "2020-01-01").build(),
                patent(CODE, "C", PatentType.UTILITY_MODEL, PatentAction.GRANTED, "2020-01-01").build(),
                patent(CODE, "D", PatentType.INVENTION, PatentAction.GRANTED, "2020-01-01").build(),
                patent(CODE, "D", PatentType.INVENTION, PatentAction.REVOKED, "2022-05-01").build(),
                patent(CODE, "E", PatentType.INVENTION, PatentAction.GRANTED, "2020-01-01").build(),
                patent(CODE, "E", PatentType.INVENTION, PatentAction.EXPIRED, "2023-01-01").build(),
                patent(CODE, "F", PatentType.INVENTION, PatentAction.GRANTED, "2020-01-01").build(),
                patent(CODE, "F", PatentType.INVENTION, PatentAction.TRANSFERRED_OUT, "2022-07-01").build(),
                patent(CODE, "G", PatentType.INVENTION, PatentAction.TRANSFERRED_IN, "2022-09-01").build(),
                patent(CODE, "H", PatentType.INVENTION, PatentAction.FILED, "2021-09-01").build());
        Metric valid = metric("valid-patents");
        SpecificRecord[] array = events.toArray(SpecificRecord[]::new);

        // Then: A, B, D, E, F held in 2022-01; later D revoked, F sold, G bought, E expired
        assertThat(valid.value(on("2022-01-01", array))).isEqualTo(5);
        assertThat(valid.value(on("2022-05-01", array))).isEqualTo(4);
        assertThat(valid.value(on("2022-09-01", array))).isEqualTo(4);
        assertThat(valid.value(on("2023-01-01", array))).isEqualTo(3);
        assertThat(valid.nextChange(on("2022-05-01", array))).isEqualTo(date("2022-07-01"));
    }

    @Test
    void shouldReadTheLatestFiscalYearWhoseAnnualFilingIsEffective() {
        // Given 2022 filed 2023-03-31, 2023 filed 2024-03-31, and an amendment of 2023 filed 2024-06-01
        TaxFilingEvent y2022 = annual(CODE, 2022).setRevenueFen(wan(100)).build();
        TaxFilingEvent y2023 = annual(CODE, 2023).setRevenueFen(wan(150)).build();
        TaxFilingEvent y2023amended = annual(CODE, 2023).setRevenueFen(wan(180)).setFilingDate(date("2024-06-01"))
                .setEventTime(time("2024-06-01T02:00:00Z")).build();
        Metric revenue = metric("revenue");
        Metric growth = metric("revenue-growth");
        SpecificRecord[] events = {y2023amended, y2022, y2023};

        // Then
        assertThat(revenue.value(on("2023-03-30", events))).isNaN();
        assertThat(revenue.value(on("2023-03-31", events))).isEqualTo(100);
        assertThat(growth.value(on("2023-03-31", events))).isNaN();
        assertThat(revenue.value(on("2024-03-31", events))).isEqualTo(150);
        assertThat(growth.value(on("2024-03-31", events))).isEqualTo(50);
        assertThat(revenue.value(on("2024-06-01", events))).isEqualTo(180);
        assertThat(growth.value(on("2024-06-01", events))).isEqualTo(80);
        assertThat(revenue.nextChange(on("2024-04-01", events))).isEqualTo(date("2024-06-01"));
    }

    @Test
    void shouldBreakFilingTiesByEventTimeThenEventId() {
        // Given two filings for 2023 on the same date
        TaxFilingEvent early = annual(CODE, 2023).setEventId("b").setRevenueFen(wan(1)).setEventTime(time("2024-03-31T01:00:00Z")).build();
        TaxFilingEvent late = annual(CODE, 2023).setEventId("a").setRevenueFen(wan(2)).setEventTime(time("2024-03-31T02:00:00Z")).build();
        TaxFilingEvent sameTimeGreaterId = annual(CODE, 2023).setEventId("c").setRevenueFen(wan(3)).setEventTime(time("2024-03-31T02:00:00Z")).build();

        // Then
        assertThat(metric("revenue").value(on("2024-04-01", early, late))).isEqualTo(2);
        assertThat(metric("revenue").value(on("2024-04-01", early, late, sameTimeGreaterId))).isEqualTo(3);
    }

    @Test
    void shouldTreatGrowthAsMissingWhenThePriorValueIsNotPositive() {
        // Given
        SpecificRecord[] events = {annual(CODE, 2022).setRdExpenseFen(0).build(), annual(CODE, 2023).setRdExpenseFen(wan(5)).build()};

        // Then
        assertThat(metric("rd-expense-growth").value(on("2024-06-01", events))).isNaN();
        assertThat(metric("rd-intensity").value(on("2024-06-01", events))).isNaN();
        assertThat(metric("rd-staff-share").value(on("2024-06-01", events))).isNaN();
    }

    @Test
    void shouldComputeRatiosInPercent() {
        // Given
        SpecificRecord[] events = {annual(CODE, 2023).setRevenueFen(wan(400)).setRdExpenseFen(wan(30))
                .setEmployees(80).setRdStaff(20).setHighLevelTalent(3).build()};

        // Then
        assertThat(metric("rd-intensity").value(on("2024-06-01", events))).isEqualTo(7.5);
        assertThat(metric("rd-staff-share").value(on("2024-06-01", events))).isEqualTo(25);
        assertThat(metric("high-level-talent").value(on("2024-06-01", events))).isEqualTo(3);
        assertThat(metric("high-level-talent").value(on("2024-06-01", annual(CODE, 2023).build()))).isNaN();
    }

    @Test
    void shouldGiveEqualGrowthRatesAndRatiosExactlyEqualValues() {
        // Given three scales of the same 25 % (dividing in 10k CNY gave 25.000000000000007, 24.999999999999996 and 25)
        long[][] revenues = {{40_000, 50_000}, {3_600_000, 4_500_000}, {wan(100), wan(125)}};

        for (long[] revenue : revenues) {
            // When
            SpecificRecord[] events = {annual(CODE, 2022).setRevenueFen(revenue[0]).build(),
                    annual(CODE, 2023).setRevenueFen(revenue[1]).setRdExpenseFen(revenue[1] / 4).build()};

            // Then
            assertThat(metric("revenue-growth").value(on("2024-06-01", events))).isEqualTo(25.0);
            assertThat(metric("rd-intensity").value(on("2024-06-01", events))).isEqualTo(25.0);
        }
    }

    @Test
    void shouldSumSellerTurnoverOfTheLatestFiscalYearUsingEachContractsLatestState() {
        // Given fiscal year 2023 is the latest (filed 2024-03-31)
        List<SpecificRecord> events = List.of(
                annual(CODE, 2023).build(),
                contract(CODE, "C1", ContractAction.REGISTERED, wan(100), "2023-02-01").build(),
                contract(CODE, "C1", ContractAction.AMENDED, wan(120), "2023-02-01").setEventTime(time("2023-05-01T00:00:00Z")).build(),
                contract(CODE, "C2", ContractAction.REGISTERED, wan(50), "2023-06-01").build(),
                contract(CODE, "C2", ContractAction.CANCELLED, wan(50), "2023-06-01").setEventTime(time("2023-07-01T00:00:00Z")).build(),
                contract(CODE, "C3", ContractAction.REGISTERED, wan(70), "2023-08-01").setRole(ContractRole.BUYER).build(),
                contract(CODE, "C4", ContractAction.REGISTERED, wan(90), "2022-12-31").build(),
                contract(CODE, "C5", ContractAction.REGISTERED, wan(30), "2024-02-01").build());
        SpecificRecord[] array = events.toArray(SpecificRecord[]::new);

        // Then
        assertThat(metric("contract-turnover").value(on("2024-06-01", array))).isCloseTo(120, within(1e-9));
        assertThat(metric("contract-count").value(on("2024-06-01", array))).isEqualTo(1);
        assertThat(metric("contract-turnover").value(on("2024-03-30", array))).isNaN();
    }

    @Test
    void shouldCountACredentialFromValidFromUntilValidUntilExclusive() {
        // Given
        var hte = credential(CODE, "Q1", CredentialCategory.QUALIFICATION, "HIGH_TECH_ENTERPRISE", CredentialLevel.NATIONAL,
                "2021-11-01").setValidUntil(date("2024-11-01")).build();
        Metric valid = hteValid();

        // Then
        assertThat(valid.value(on("2021-10-31", hte))).isZero();
        assertThat(valid.value(on("2021-11-01", hte))).isEqualTo(1);
        assertThat(valid.value(on("2024-10-31", hte))).isEqualTo(1);
        assertThat(valid.value(on("2024-11-01", hte))).isZero();
        assertThat(valid.nextChange(on("2022-01-01", hte))).isEqualTo(date("2024-11-01"));
    }

    @Test
    void shouldEndACredentialAtARevocationRecordedAfterItsGrant() {
        // Given
        var grant = credential(CODE, "Q1", CredentialCategory.QUALIFICATION, "HIGH_TECH_ENTERPRISE", CredentialLevel.NATIONAL,
                "2021-11-01").build();
        var revoke = credential(CODE, "Q1", CredentialCategory.QUALIFICATION, "HIGH_TECH_ENTERPRISE", CredentialLevel.NATIONAL,
                "2023-02-01").setAction(CredentialAction.REVOKED).setEventTime(time("2023-02-02T00:00:00Z")).build();
        var regrant = credential(CODE, "Q1", CredentialCategory.QUALIFICATION, "HIGH_TECH_ENTERPRISE", CredentialLevel.NATIONAL,
                "2024-01-01").setEventTime(time("2024-01-02T00:00:00Z")).build();
        Metric valid = hteValid();

        // Then
        assertThat(valid.value(on("2023-01-31", grant, revoke))).isEqualTo(1);
        assertThat(valid.value(on("2023-02-01", grant, revoke))).isZero();
        assertThat(valid.value(on("2024-01-01", grant, revoke, regrant))).isEqualTo(1);
        assertThat(valid.value(on("2023-06-01", grant, revoke, regrant))).isZero();
    }

    @Test
    void shouldSumEquityFinancingGrantedWithinTheWindow() {
        // Given rounds in 2020-05 and 2023-05 and a 3-year window
        var old = credential(CODE, "F1", CredentialCategory.FINANCING, "EQUITY_ROUND", CredentialLevel.NONE, "2020-05-01")
                .setAmountFen(wan(300)).build();
        var recent = credential(CODE, "F2", CredentialCategory.FINANCING, "EQUITY_ROUND", CredentialLevel.NONE, "2023-05-01")
                .setAmountFen(wan(1000)).build();
        Metric financing = metric("equity-financing");

        // Then
        assertThat(financing.value(on("2023-04-30", old, recent))).isCloseTo(300, within(1e-9));
        assertThat(financing.value(on("2023-05-01", old, recent))).isCloseTo(1000, within(1e-9));
        assertThat(financing.unit()).isEqualTo(Unit.TEN_THOUSAND_CNY);
    }

    @Test
    void shouldCountCompletedYearsSinceFoundingWithLeapDayAnniversaries() {
        // Given founded on 29 February
        var reg = registration(CODE).setFoundedDate(date("2020-02-29")).build();
        Metric years = metric("years-since-founding");

        // Then
        assertThat(years.value(on("2020-02-28", reg))).isNaN();
        assertThat(years.value(on("2021-02-27", reg))).isZero();
        assertThat(years.value(on("2021-02-28", reg))).isEqualTo(1);
        assertThat(years.value(on("2024-02-28", reg))).isEqualTo(3);
        assertThat(years.value(on("2024-02-29", reg))).isEqualTo(4);
        assertThat(years.nextChange(on("2021-02-28", reg))).isEqualTo(date("2022-02-28"));
        assertThat(years.value(on("2024-06-01", Events.annual(CODE, 2023).build()))).isNaN();
    }

    @Test
    void shouldSeeFactsDatedTodayFromTheStartOfTheShanghaiDay() {
        // Given an as-of at 16:00 UTC on 2024-05-31, which is already 1 June in Shanghai
        Instant asOf = time("2024-05-31T16:00:00Z");

        // Then
        assertThat(Dates.dayOf(asOf)).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(Dates.startOf(LocalDate.of(2024, 6, 1))).isEqualTo(asOf);
        assertThat(Dates.dayOf(asOf.minusMillis(1))).isEqualTo(LocalDate.of(2024, 5, 31));
    }

    @Test
    void shouldCountContractsInARollingWindowWhenYearsAreGiven() {
        // Given a seller contract registered 2022-07-01 and a 2-year window (no filing needed)
        var contract = contract(CODE, "C1", ContractAction.REGISTERED, wan(10), "2022-07-01").build();
        Metric rolling = create("{id: contract-turnover, years: 2}");

        // Then
        assertThat(rolling.value(on("2022-06-30", contract))).isZero();
        assertThat(rolling.value(on("2022-07-01", contract))).isCloseTo(10, within(1e-9));
        assertThat(rolling.value(on("2024-06-30", contract))).isCloseTo(10, within(1e-9));
        assertThat(rolling.value(on("2024-07-01", contract))).isZero();
        assertThat(rolling.nextChange(on("2023-01-01", contract))).isEqualTo(date("2024-07-01"));
    }

    @Test
    void shouldCountPatentApplicationsOfTheGivenTypesInTheWindow() {
        // Given
        var invention = patent(CODE, "P1", PatentType.INVENTION, PatentAction.FILED, "2023-09-01").build();
        var design = patent(CODE, "P2", PatentType.DESIGN, PatentAction.FILED, "2023-10-01").build();
        Metric filed = create("{id: patents-filed, years: 1, types: [INVENTION]}");

        // Then
        assertThat(filed.value(on("2024-08-31", invention, design))).isEqualTo(1);
        assertThat(filed.value(on("2024-09-01", invention, design))).isZero();
        assertThat(create("{id: patents-filed, years: 1}").value(on("2024-09-01", invention, design))).isEqualTo(1);
    }

    @Test
    void shouldCountOnlyCredentialsGrantedWithinTheWindowWhenYearsAreGiven() {
        // Given awards granted in 2018 and 2022, open-ended
        var old = credential(CODE, "A1", CredentialCategory.AWARD, "SCIENCE_AWARD", CredentialLevel.NATIONAL, "2018-12-01")
                .setGrade("FIRST").build();
        var recent = credential(CODE, "A2", CredentialCategory.AWARD, "SCIENCE_AWARD", CredentialLevel.PROVINCIAL, "2022-12-01")
                .setGrade("SECOND").build();
        Metric awards5y = create("{id: credential-count, category: AWARD, years: 5}");

        // Then
        assertThat(awards5y.value(on("2023-11-30", old, recent))).isEqualTo(2);
        assertThat(awards5y.value(on("2023-12-01", old, recent))).isEqualTo(1);
        assertThat(create("{id: credential-count, category: AWARD, grades: [FIRST]}").value(on("2023-12-01", old, recent)))
                .isEqualTo(1);
        assertThat(create("{id: credential-count, category: AWARD, levels: [PROVINCIAL]}").value(on("2023-12-01", old, recent)))
                .isEqualTo(1);
    }

    @Test
    void shouldSaturateContractTurnoverInsteadOfWrappingNegative() {
        // Given two seller contracts whose amounts sum beyond Long.MAX_VALUE (each alone fits in a long)
        long huge = Long.MAX_VALUE / 2 + 1;
        var first = contract(CODE, "C1", ContractAction.REGISTERED, huge, "2022-07-01").build();
        var second = contract(CODE, "C2", ContractAction.REGISTERED, huge, "2022-08-01").build();
        Metric rolling = create("{id: contract-turnover, years: 2}");

        // When
        double turnover = rolling.value(on("2023-01-01", first, second));

        // Then the total is capped at the largest long, never negative
        assertThat(turnover).isEqualTo(Unit.fenToTenThousandCny(Long.MAX_VALUE));
    }

    @Test
    void shouldSaturateCredentialAmountsInsteadOfWrappingNegative() {
        // Given two funded projects whose amounts sum beyond Long.MAX_VALUE
        long huge = Long.MAX_VALUE / 2 + 1;
        var a = credential(CODE, "P1", CredentialCategory.PROJECT, "KEY_RD", CredentialLevel.NATIONAL, "2023-01-01")
                .setAmountFen(huge).build();
        var b = credential(CODE, "P2", CredentialCategory.PROJECT, "KEY_RD", CredentialLevel.NATIONAL, "2023-01-01")
                .setAmountFen(huge).build();
        Metric amount = create("{id: credential-amount, category: PROJECT}");

        // Then
        assertThat(amount.value(on("2024-01-01", a, b))).isEqualTo(Unit.fenToTenThousandCny(Long.MAX_VALUE));
    }

    @Test
    void shouldSumCredentialAmountsOfValidCredentials() {
        // Given a project with funding and a project without
        var funded = credential(CODE, "P1", CredentialCategory.PROJECT, "KEY_RD", CredentialLevel.NATIONAL, "2023-01-01")
                .setAmountFen(wan(250)).setValidUntil(date("2025-01-01")).build();
        var unfunded = credential(CODE, "P2", CredentialCategory.PROJECT, "KEY_RD", CredentialLevel.MUNICIPAL, "2023-01-01").build();
        Metric amount = create("{id: credential-amount, category: PROJECT}");

        // Then
        assertThat(amount.value(on("2024-01-01", funded, unfunded))).isCloseTo(250, within(1e-9));
        assertThat(amount.value(on("2025-01-01", funded, unfunded))).isZero();
    }

    private static Metric create(String yaml) {
        try {
            var problems = new java.util.ArrayList<io.innopoints.schemas.validation.Problem>();
            var json = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml);
            Metric m = MetricCatalog.create(new io.innopoints.scoring.model.Node(json, "metric", problems));
            assertThat(problems).isEmpty();
            return m;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Metric hteValid() {
        var problems = new java.util.ArrayList<io.innopoints.schemas.validation.Problem>();
        var node = new io.innopoints.scoring.model.Node(
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("id", "credential-valid").put("category", "QUALIFICATION").put("kinds", "HIGH_TECH_ENTERPRISE"),
                "metric", problems);
        Metric m = MetricCatalog.create(node);
        assertThat(problems).isEmpty();
        return m;
    }
}

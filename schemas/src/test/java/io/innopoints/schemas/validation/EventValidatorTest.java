package io.innopoints.schemas.validation;

import static io.innopoints.schemas.validation.ValidEvents.CODE;
import static io.innopoints.schemas.validation.ValidEvents.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {
    private final EventValidator validator =
            new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    private List<Problem> problems(SpecificRecord event) {
        return validator.problems(event);
    }

    private static void assertOnlyProblem(List<Problem> problems, String field, String reasonPart) {
        assertThat(problems).as("problems").hasSize(1);
        assertThat(problems.get(0).field()).isEqualTo(field);
        assertThat(problems.get(0).reason()).contains(reasonPart);
    }

    @Test
    void shouldAcceptOneValidEventOfEachType() {
        // given / when / then
        assertThat(problems(ValidEvents.registration().build())).isEmpty();
        assertThat(problems(ValidEvents.patent().build())).isEmpty();
        assertThat(problems(ValidEvents.contract().build())).isEmpty();
        assertThat(problems(ValidEvents.taxFiling().build())).isEmpty();
        assertThat(problems(ValidEvents.credential().build())).isEmpty();
    }

    @Test
    void shouldReturnTheEventItselfWhenValid() {
        var event = ValidEvents.patent().build();
        assertThat(validator.validate(event).value()).isSameAs(event);
    }

    @Nested
    class CreditCodes {
        static Stream<Arguments> badCodes() {
            String valid = CODE;
            char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
            return Stream.of(
                    Arguments.of(valid.substring(0, 17) + wrongCheck, "check character"),
                    Arguments.of(valid.toLowerCase(), "lowercase"),
                    Arguments.of("91110108MA01ABCDI" + "0", "letters I, O, S, V and Z"),
                    Arguments.of("91110108MA01ABCDO" + "0", "letters I, O, S, V and Z"),
                    Arguments.of("91110108MA01ABCDS" + "0", "letters I, O, S, V and Z"),
                    Arguments.of("91110108MA01ABCDV" + "0", "letters I, O, S, V and Z"),
                    Arguments.of("91110108MA01ABCDZ" + "0", "letters I, O, S, V and Z"),
                    Arguments.of(valid.substring(0, 17), "must be 18 characters, got 17"),
                    Arguments.of(valid + "0", "must be 18 characters, got 19"),
                    Arguments.of("", "must be 18 characters, got 0"),
                    Arguments.of("91110108MA01ABCD-" + "0", "only digits and capitals"),
                    Arguments.of("91110108MA01ABCD\u00A0" + "0", "character 17"));
        }

        @ParameterizedTest
        @MethodSource("badCodes")
        void shouldRejectMalformedCreditCodesNamingTheReason(String code, String reason) {
            // given
            var event = ValidEvents.patent().setCreditCode(code).build();
            // when / then
            assertOnlyProblem(problems(event), "creditCode", reason);
        }

        @Test
        void shouldRejectAMissingCreditCode() {
            var event = ValidEvents.patent().build();
            event.setCreditCode(null);
            assertOnlyProblem(problems(event), "creditCode", "is required");
        }
    }

    @Nested
    class CommonFields {
        @ParameterizedTest
        @ValueSource(ints = {0, 129, 1000})
        void shouldRejectEventIdsOutsideOneTo128Characters(int length) {
            var event = ValidEvents.contract().setEventId("e".repeat(length)).build();
            assertThat(problems(event)).extracting(Problem::field).containsExactly("eventId");
        }

        @Test
        void shouldAcceptEventIdsOfExactly128Characters() {
            assertThat(problems(ValidEvents.contract().setEventId("e".repeat(128)).build())).isEmpty();
        }

        @Test
        void shouldRejectBlankEventIds() {
            assertOnlyProblem(problems(ValidEvents.contract().setEventId("   ").build()), "eventId", "blank");
        }

        @Test
        void shouldRejectEventTimesBeyondTheFutureTolerance() {
            var event = ValidEvents.patent().setEventTime(NOW.plus(Duration.ofMinutes(6))).build();
            assertOnlyProblem(problems(event), "eventTime", "in the future");
        }

        @Test
        void shouldAcceptEventTimesWithinTheFutureTolerance() {
            var event = ValidEvents.patent().setEventTime(NOW.plus(Duration.ofMinutes(5))).build();
            assertThat(problems(event)).isEmpty();
        }

        @Test
        void shouldRejectEventTimesBefore1970() {
            var event = ValidEvents.patent().setEventTime(java.time.Instant.parse("1969-12-31T23:59:59Z")).build();
            assertOnlyProblem(problems(event), "eventTime", "before 1970");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-leading-dash", "has space", "ünïcode", "x/y"})
        void shouldRejectMalformedProviderIds(String provider) {
            assertThat(problems(ValidEvents.patent().setProvider(provider).build()))
                    .extracting(Problem::field).containsExactly("provider");
        }

        @Test
        void shouldRejectAnEventThatRetractsItself() {
            var event = ValidEvents.patent().setRetractsEventId("pat-1").build();
            assertOnlyProblem(problems(event), "retractsEventId", "cannot retract itself");
        }

        @Test
        void shouldAcceptARetractionOfAnotherEvent() {
            assertThat(problems(ValidEvents.patent().setRetractsEventId("pat-0").build())).isEmpty();
        }

        @Test
        void shouldRejectOverlongRetractedIds() {
            assertOnlyProblem(problems(ValidEvents.patent().setRetractsEventId("r".repeat(129)).build()),
                    "retractsEventId", "at most 128");
        }

        @Test
        void shouldReportEveryProblemNotJustTheFirst() {
            var event = ValidEvents.contract().setEventId("").setCreditCode("x").setAmountFen(-1).build();
            assertThat(problems(event)).extracting(Problem::field)
                    .containsExactlyInAnyOrder("eventId", "creditCode", "amountFen");
        }
    }

    @Nested
    class Registrations {
        @Test
        void shouldRejectABlankName() {
            assertOnlyProblem(problems(ValidEvents.registration().setName(" ").build()), "name", "blank");
        }

        @Test
        void shouldRejectAnOverlongName() {
            assertOnlyProblem(problems(ValidEvents.registration().setName("名".repeat(201)).build()), "name", "at most 200");
        }

        @ParameterizedTest
        @ValueSource(strings = {"zone-a", "", "-A", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "ZONE A"})
        void shouldRejectZoneCodesNotMatchingThePattern(String zone) {
            assertOnlyProblem(problems(ValidEvents.registration().setZone(zone).build()), "zone", "zone code");
        }

        @ParameterizedTest
        @ValueSource(strings = {"i65", "65", "U65", "I654321", ""})
        void shouldRejectIndustryCodesNotMatchingGbT4754(String industry) {
            assertOnlyProblem(problems(ValidEvents.registration().setIndustry(industry).build()), "industry", "GB/T 4754");
        }

        @Test
        void shouldRejectAFoundingDateInTheFuture() {
            var event = ValidEvents.registration().setFoundedDate(LocalDate.of(2025, 6, 17)).build();
            assertOnlyProblem(problems(event), "foundedDate", "in the future");
        }

        @Test
        void shouldRejectAFoundingDateBefore1900() {
            var event = ValidEvents.registration().setFoundedDate(LocalDate.of(1899, 12, 31)).build();
            assertOnlyProblem(problems(event), "foundedDate", "between 1900-01-01");
        }

        @Test
        void shouldRejectNegativeRegisteredCapital() {
            assertOnlyProblem(problems(ValidEvents.registration().setRegisteredCapitalFen(-1L).build()),
                    "registeredCapitalFen", "negative");
        }

        @Test
        void shouldAcceptAbsentRegisteredCapital() {
            assertThat(problems(ValidEvents.registration().setRegisteredCapitalFen(null).build())).isEmpty();
        }
    }

    @Nested
    class Patents {
        @Test
        void shouldRejectAnActionDateInTheFuture() {
            assertOnlyProblem(problems(ValidEvents.patent().setActionDate(LocalDate.of(2025, 7, 1)).build()),
                    "actionDate", "in the future");
        }

        @Test
        void shouldRejectABlankPatentNumber() {
            assertOnlyProblem(problems(ValidEvents.patent().setPatentNumber("").build()), "patentNumber", "blank");
        }

        @Test
        void shouldRejectAnOverlongTitle() {
            assertOnlyProblem(problems(ValidEvents.patent().setTitle("t".repeat(1001)).build()), "title", "at most 1000");
        }

        @Test
        void shouldRejectAMissingEnum() {
            var event = ValidEvents.patent().build();
            event.setPatentType(null);
            assertOnlyProblem(problems(event), "patentType", "is required");
        }
    }

    @Nested
    class TechContracts {
        @Test
        void shouldRejectANegativeAmount() {
            assertOnlyProblem(problems(ValidEvents.contract().setAmountFen(-100).build()), "amountFen", "negative");
        }

        @Test
        void shouldAcceptAZeroAmount() {
            assertThat(problems(ValidEvents.contract().setAmountFen(0).build())).isEmpty();
        }

        @Test
        void shouldRejectARegistrationDateInTheFuture() {
            assertOnlyProblem(problems(ValidEvents.contract().setRegistrationDate(LocalDate.of(2026, 1, 1)).build()),
                    "registrationDate", "in the future");
        }

        @Test
        void shouldRejectABlankCounterpartyName() {
            assertOnlyProblem(problems(ValidEvents.contract().setCounterpartyName("").build()), "counterpartyName", "blank");
        }
    }

    @Nested
    class TaxFilings {
        @Test
        void shouldRejectNegativeRevenueRdExpenseAndTaxes() {
            var event = ValidEvents.taxFiling().setRevenueFen(-1).setRdExpenseFen(-1).setTaxesPaidFen(-1).build();
            assertThat(problems(event)).extracting(Problem::field)
                    .containsExactlyInAnyOrder("revenueFen", "rdExpenseFen", "taxesPaidFen");
        }

        @Test
        void shouldAcceptANegativeNetProfit() {
            assertThat(problems(ValidEvents.taxFiling().setNetProfitFen(-EventValidator.MAX_AMOUNT_FEN).build())).isEmpty();
        }

        @Test
        void shouldRejectNegativeEmployees() {
            var event = ValidEvents.taxFiling().setEmployees(-1).setRdStaff(0).setHighLevelTalent(0).build();
            assertOnlyProblem(problems(event), "employees", "negative");
        }

        @Test
        void shouldRejectMoreRdStaffThanEmployees() {
            assertOnlyProblem(problems(ValidEvents.taxFiling().setRdStaff(51).build()), "rdStaff", "at most employees (50)");
        }

        @Test
        void shouldAcceptRdStaffEqualToEmployees() {
            assertThat(problems(ValidEvents.taxFiling().setRdStaff(50).build())).isEmpty();
        }

        @Test
        void shouldRejectMoreHighLevelTalentThanEmployees() {
            assertOnlyProblem(problems(ValidEvents.taxFiling().setHighLevelTalent(51).build()),
                    "highLevelTalent", "at most employees");
        }

        @Test
        void shouldRejectNegativeHighLevelTalent() {
            assertOnlyProblem(problems(ValidEvents.taxFiling().setHighLevelTalent(-3).build()), "highLevelTalent", "negative");
        }

        @ParameterizedTest
        @ValueSource(ints = {1948, 2101, -5})
        void shouldRejectFiscalYearsOutside1949To2100(int year) {
            assertOnlyProblem(problems(ValidEvents.taxFiling().setFiscalYear(year).build()), "fiscalYear", "between 1949 and 2100");
        }

        @Test
        void shouldRejectAFutureFiscalYear() {
            var event = ValidEvents.taxFiling().setFiscalYear(2026).build();
            assertOnlyProblem(problems(event), "fiscalYear", "in the future");
        }

        @Test
        void shouldRejectAQuarterThatHasNotStarted() {
            var event = ValidEvents.taxFiling().setFiscalYear(2025).setPeriod(FiscalPeriod.Q3)
                    .setFilingDate(LocalDate.of(2025, 6, 1)).build();
            assertOnlyProblem(problems(event), "period", "has not started");
        }

        static Stream<Arguments> filingOnOrBeforePeriodStart() {
            return Stream.of(Arguments.of(FiscalPeriod.ANNUAL, LocalDate.of(2024, 1, 1)),
                    Arguments.of(FiscalPeriod.Q1, LocalDate.of(2023, 12, 31)),
                    Arguments.of(FiscalPeriod.Q2, LocalDate.of(2024, 4, 1)),
                    Arguments.of(FiscalPeriod.Q3, LocalDate.of(2024, 6, 30)),
                    Arguments.of(FiscalPeriod.Q4, LocalDate.of(2024, 10, 1)));
        }

        @ParameterizedTest
        @MethodSource("filingOnOrBeforePeriodStart")
        void shouldRejectAFilingDateNotAfterThePeriodStart(FiscalPeriod period, LocalDate filed) {
            var event = ValidEvents.taxFiling().setPeriod(period).setFilingDate(filed).build();
            assertOnlyProblem(problems(event), "filingDate", "after the fiscal period starts");
        }

        @Test
        void shouldAcceptAFilingTheDayAfterTheQuarterStarts() {
            var event = ValidEvents.taxFiling().setPeriod(FiscalPeriod.Q4).setFilingDate(LocalDate.of(2024, 10, 2)).build();
            assertThat(problems(event)).isEmpty();
        }

        @Test
        void shouldRejectAFilingDateInTheFuture() {
            assertOnlyProblem(problems(ValidEvents.taxFiling().setFilingDate(LocalDate.of(2025, 6, 30)).build()),
                    "filingDate", "in the future");
        }
    }

    @Nested
    class Credentials {
        @Test
        void shouldRejectValidUntilOnOrBeforeValidFrom() {
            var same = ValidEvents.credential().setValidUntil(LocalDate.of(2025, 1, 1)).build();
            var before = ValidEvents.credential().setValidUntil(LocalDate.of(2024, 12, 31)).build();
            assertOnlyProblem(problems(same), "validUntil", "after validFrom");
            assertOnlyProblem(problems(before), "validUntil", "after validFrom");
        }

        @Test
        void shouldAcceptOpenEndedValidity() {
            assertThat(problems(ValidEvents.credential().setValidUntil(null).build())).isEmpty();
        }

        @Test
        void shouldAcceptAFutureValidFromForAScheduledGrant() {
            assertThat(problems(ValidEvents.credential().setValidFrom(LocalDate.of(2026, 1, 1)).setValidUntil(null).build()))
                    .isEmpty();
        }

        @Test
        void shouldRejectAValidityBeyond2100() {
            assertOnlyProblem(problems(ValidEvents.credential().setValidUntil(LocalDate.of(2101, 1, 1)).build()),
                    "validUntil", "between");
        }

        @ParameterizedTest
        @ValueSource(strings = {"high_tech", "1ABC", "", "HIGH-TECH"})
        void shouldRejectKindsThatAreNotUpperCaseCodes(String kind) {
            assertOnlyProblem(problems(ValidEvents.credential().setKind(kind).build()), "kind", "upper-case code");
        }

        @Test
        void shouldRejectAMalformedGrade() {
            assertOnlyProblem(problems(ValidEvents.credential().setGrade("first").build()), "grade", "upper-case code");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.01, 100.01, Double.NaN, Double.POSITIVE_INFINITY})
        void shouldRejectEquitySharesOutside0To100(double share) {
            var event = ValidEvents.credential().setCategory(CredentialCategory.FINANCING).setEquitySharePercent(share).build();
            assertOnlyProblem(problems(event), "equitySharePercent", "between 0 and 100");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, 12.5, 100})
        void shouldAcceptEquitySharesFrom0To100(double share) {
            var event = ValidEvents.credential().setCategory(CredentialCategory.FINANCING).setEquitySharePercent(share).build();
            assertThat(problems(event)).isEmpty();
        }

        @Test
        void shouldRejectANegativeAmount() {
            assertOnlyProblem(problems(ValidEvents.credential().setAmountFen(-5L).build()), "amountFen", "negative");
        }
    }

    @Nested
    class FromJson {
        @Test
        void shouldReportStructuralProblemsBeforeSemanticOnes() {
            // given a body with an unknown field and a bad credit code
            var json = AvroJson.writeLine(ValidEvents.patent().setCreditCode("bad").build()).replace("{", "{\"extra\":1,");
            // when
            var result = validator.read(EventType.PATENTS, json);
            // then
            assertThat(result.problems()).containsExactly(new Problem("extra", "unknown field"));
        }

        @Test
        void shouldNameLineAndColumnOfTruncatedJsonWithoutParserNoise() {
            var result = validator.read(EventType.PATENTS, "{\"eventId\":\"x\"");
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("$");
                assertThat(p.reason()).startsWith("malformed JSON at line 1, column").doesNotContain("Source").doesNotContain("REDACTED");
            });
        }

        @Test
        void shouldApplySemanticRulesToWellFormedJson() {
            var json = AvroJson.writeLine(ValidEvents.patent().setCreditCode("bad").build());
            assertThat(validator.read(EventType.PATENTS, json).problems()).extracting(Problem::field).containsExactly("creditCode");
        }

        @Test
        void shouldRoundTripEveryValidType() {
            for (var event : List.<SpecificRecord>of(ValidEvents.registration().build(), ValidEvents.patent().build(),
                    ValidEvents.contract().build(), ValidEvents.taxFiling().build(), ValidEvents.credential().build())) {
                var type = EventType.byRecordClass(event.getClass()).orElseThrow();
                assertThat(validator.read(type, AvroJson.writeLine(event)).value()).isEqualTo(event);
            }
        }
    }

    @Test
    void shouldValidateCodesBuiltWithTheCompletionHelper() {
        assertThat(CreditCode.isValid(CODE)).isTrue();
    }

    @Nested
    class Maxima {
        @Test
        void shouldRejectAnAmountAboveTheDocumentedMaximumNamingTheField() {
            // given a contract one fen above the maximum, and one exactly at it
            var above = ValidEvents.contract().setAmountFen(EventValidator.MAX_AMOUNT_FEN + 1).build();
            var at = ValidEvents.contract().setAmountFen(EventValidator.MAX_AMOUNT_FEN).build();
            // when / then
            assertOnlyProblem(problems(above), "amountFen", "must be between 0 and " + EventValidator.MAX_AMOUNT_FEN);
            assertThat(problems(at)).isEmpty();
        }

        @Test
        void shouldBoundEveryAmountOfATaxFiling() {
            assertOnlyProblem(problems(ValidEvents.taxFiling().setRevenueFen(Long.MAX_VALUE).build()), "revenueFen", "between");
            assertOnlyProblem(problems(ValidEvents.taxFiling().setRdExpenseFen(Long.MAX_VALUE).build()), "rdExpenseFen", "between");
            assertOnlyProblem(problems(ValidEvents.taxFiling().setTaxesPaidFen(Long.MAX_VALUE).build()), "taxesPaidFen", "between");
            assertOnlyProblem(problems(ValidEvents.taxFiling().setNetProfitFen(Long.MIN_VALUE).build()), "netProfitFen", "between");
            assertThat(problems(ValidEvents.taxFiling().setNetProfitFen(-EventValidator.MAX_AMOUNT_FEN).build())).isEmpty();
        }

        @Test
        void shouldBoundCredentialAndRegistrationAmountsAndHeadCounts() {
            assertOnlyProblem(problems(ValidEvents.credential().setAmountFen(Long.MAX_VALUE).build()), "amountFen", "between");
            assertOnlyProblem(problems(ValidEvents.registration().setRegisteredCapitalFen(Long.MAX_VALUE).build()),
                    "registeredCapitalFen", "between");
            var crowd = ValidEvents.taxFiling().setEmployees(EventValidator.MAX_PERSONS + 1)
                    .setRdStaff(0).setHighLevelTalent(null).build();
            assertOnlyProblem(problems(crowd), "employees", "between 0 and " + EventValidator.MAX_PERSONS);
        }
    }
}

package io.innopoints.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    private static final String PATENT = """
            {"eventId":"p-1","eventTime":"2024-05-01T08:00:00Z","provider":"patent-office",
             "creditCode":"91350100M000100Y43","patentNumber":"CN202310123456.7","patentType":"INVENTION",
             "action":"GRANTED","actionDate":"2024-04-30"}
            """;

    @Test
    void shouldReadPlainJsonIntoSpecificRecordWithLogicalTypesAndDefaults() {
        Validated<PatentEvent> result = AvroJson.read(PATENT, PatentEvent.class);

        assertThat(result.isOk()).as(result.summary()).isTrue();
        PatentEvent event = result.value();
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(event.getActionDate()).isEqualTo(LocalDate.of(2024, 4, 30));
        assertThat(event.getPatentType()).isEqualTo(PatentType.INVENTION);
        assertThat(event.getAction()).isEqualTo(PatentAction.GRANTED);
        assertThat(event.getRetractsEventId()).isNull();
        assertThat(event.getTitle()).isNull();
    }

    @Test
    void shouldRoundTripThroughWriteLine() {
        PatentEvent original = AvroJson.read(PATENT, PatentEvent.class).value();
        original.setTitle("电池 \"quoted\", with comma");

        PatentEvent again = AvroJson.read(AvroJson.writeLine(original), PatentEvent.class).value();

        assertThat(again).isEqualTo(original);
    }

    @Test
    void shouldRoundTripNestedRecordsAndArrays() {
        Explanation explanation = Explanation.newBuilder().setKind(ChangeKind.DATA)
                .setCauseEventIds(List.of("a", "b")).setPreviousTotal(12.5)
                .setIndicatorDeltas(List.of(new IndicatorDelta("rd", 1.0, 3.5, 2.5))).build();

        Validated<Explanation> again = AvroJson.read(AvroJson.writeLine(explanation), Explanation.class);

        assertThat(again.value()).isEqualTo(explanation);
    }

    @Test
    void shouldAcceptEpochMillisForTimestamps() {
        String json = PATENT.replace("\"2024-05-01T08:00:00Z\"", "1714550400000");

        assertThat(AvroJson.read(json, PatentEvent.class).value().getEventTime())
                .isEqualTo(Instant.ofEpochMilli(1714550400000L));
    }

    @Test
    void shouldNameEveryStructuralProblemWithItsPath() {
        String json = """
                {"eventId":7,"eventTime":"yesterday","provider":"x","creditCode":null,
                 "patentType":"ROBOT","action":"GRANTED","actionDate":"2024-02-30","colour":"red"}
                """;

        List<Problem> problems = AvroJson.read(json, PatentEvent.class).problems();

        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder(
                "eventId", "eventTime", "creditCode", "patentNumber", "patentType", "actionDate", "colour");
        assertThat(problems).filteredOn(p -> p.field().equals("patentType")).first()
                .extracting(Problem::reason).asString().contains("must be one of", "INVENTION", "ROBOT");
        assertThat(problems).filteredOn(p -> p.field().equals("colour")).first()
                .extracting(Problem::reason).isEqualTo("unknown field");
        assertThat(problems).filteredOn(p -> p.field().equals("patentNumber")).first()
                .extracting(Problem::reason).isEqualTo("is required");
    }

    @Test
    void shouldNameAnUnknownMemberWithABlankNameByItsQuotedForm() {
        // found by fuzzing: {"": 1} was reported with an empty field, which an error body cannot point at
        String json = PATENT.replaceFirst("\\{", "{\"\": 1, \" \": 2,");

        List<Problem> problems = AvroJson.read(json, PatentEvent.class).problems();

        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder("$[\"\"]", "$[\" \"]");
        assertThat(problems).extracting(Problem::reason).containsOnly("unknown field");
    }

    @Test
    void shouldRejectNumbersOutOfRangeAndFractionsForIntegers() {
        String huge = """
                {"eventId":"c-1","eventTime":"2024-05-01T08:00:00Z","provider":"reg","creditCode":"91350100M000100Y43",
                 "credentialId":"X","category":"FINANCING","kind":"EQUITY_ROUND","level":"NONE","action":"GRANTED",
                 "validFrom":"2024-01-01","amountFen":123456789012345678901234567890,"equitySharePercent":1e400}
                """;

        List<Problem> problems = AvroJson.read(huge, CredentialEvent.class).problems();

        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder("amountFen", "equitySharePercent");
        assertThat(problems.get(0).reason()).contains("out of range");
    }

    @Test
    void shouldAcceptWholeNumbersWrittenWithATrailingZeroFraction() {
        String json = PATENT.replace("\"2024-05-01T08:00:00Z\"", "1714550400000.0");

        assertThat(AvroJson.read(json, PatentEvent.class).isOk()).isTrue();
    }

    @Test
    void shouldRejectMalformedJsonWithItsPosition() {
        Validated<PatentEvent> truncated = AvroJson.read("{\"eventId\": \"p-1\", \"eventTime\"", PatentEvent.class);
        Validated<PatentEvent> duplicate = AvroJson.read("{\"eventId\":\"a\",\"eventId\":\"b\"}", PatentEvent.class);
        Validated<PatentEvent> nan = AvroJson.read("{\"eventId\":NaN}", PatentEvent.class);
        Validated<PatentEvent> trailing = AvroJson.read(PATENT + " {}", PatentEvent.class);

        assertThat(List.of(truncated, duplicate, nan, trailing)).allSatisfy(v -> {
            assertThat(v.isOk()).isFalse();
            assertThat(v.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("$");
                assertThat(p.reason()).startsWith("malformed JSON");
            });
        });
        assertThat(duplicate.summary()).contains("Duplicate field 'eventId'");
    }

    @Test
    void shouldRejectEmptyBodiesAndNonObjects() {
        assertThat(AvroJson.read("", PatentEvent.class).summary()).contains("body is empty");
        assertThat(AvroJson.read("[1,2]", PatentEvent.class).summary()).contains("expected a JSON object");
        assertThat(AvroJson.read("\"text\"", PatentEvent.class).summary()).contains("expected a JSON object");
    }

    @Test
    void shouldRejectControlCharactersAndUnpairedSurrogates() {
        String control = PATENT.replace("p-1", "p\\u0000-1");
        String surrogate = PATENT.replace("p-1", "p\\ud800-1");
        String emoji = PATENT.replace("p-1", "p-\\ud83d\\ude00");

        assertThat(AvroJson.read(control, PatentEvent.class).summary()).contains("eventId", "control character U+0000");
        assertThat(AvroJson.read(surrogate, PatentEvent.class).summary()).contains("eventId", "unpaired");
        assertThat(AvroJson.read(emoji, PatentEvent.class).value().getEventId()).isEqualTo("p-\uD83D\uDE00");
    }
}

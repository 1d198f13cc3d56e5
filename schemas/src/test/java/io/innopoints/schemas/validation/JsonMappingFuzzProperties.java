package io.innopoints.schemas.validation;

import static io.innopoints.schemas.validation.ValidEvents.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Fuzzes the providers' JSON → Avro mapping ({@link AvroJson}) and the {@link EventValidator} behind it, for every
 * event type: arbitrary nested JSON values, objects with the type's own field names holding arbitrary values, texts
 * with absurd number literals and random edits, and single-field mutations of valid events. Every input maps to
 * either a valid record or field errors (each naming a field and a reason) — never an exception — and random valid
 * events round-trip through their JSON unchanged.
 */
class JsonMappingFuzzProperties {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    /** The mapping's answer, checked: ok, or problems that each name a field and a reason. */
    private Validated<SpecificRecord> map(EventType type, JsonNode json) {
        Validated<SpecificRecord> result = validator.read(type, json);
        check(result);
        return result;
    }

    private Validated<SpecificRecord> map(EventType type, String text) {
        Validated<SpecificRecord> result = validator.read(type, text);
        check(result);
        return result;
    }

    private static void check(Validated<SpecificRecord> result) {
        if (!result.isOk()) {
            assertThat(result.problems()).allSatisfy(p -> {
                assertThat(p.field()).isNotBlank();
                assertThat(p.reason()).isNotBlank();
            });
        }
    }

    @Property(tries = 400)
    void shouldMapAnyJsonValueToARecordOrFieldErrors(@ForAll EventType type, @ForAll("anyJson") JsonNode json) {
        map(type, json);
    }

    @Property(tries = 600)
    void shouldMapAnyObjectOfTheTypesFieldsToARecordOrFieldErrors(@ForAll("objectsOfTheirFields") Tuple.Tuple2<EventType, ObjectNode> input) {
        Validated<SpecificRecord> result = map(input.get1(), input.get2());

        if (result.isOk()) {
            // whatever was accepted writes back to JSON that maps to the same record
            assertThat(validator.read(input.get1(), AvroJson.write(result.value())).value()).isEqualTo(result.value());
        }
    }

    @Property(tries = 600)
    void shouldNameTheFieldWhoseValueHasAnImpossibleJsonType(@ForAll("validEvents") SpecificRecord event,
                                                              @ForAll("containers") JsonNode wrong, @ForAll int which) {
        // every field of every input type is a scalar: an object, an array or a boolean can never fit
        List<Schema.Field> fields = event.getSchema().getFields();
        String field = fields.get(Math.floorMod(which, fields.size())).name();
        ObjectNode json = AvroJson.write(event).set(field, wrong);

        Validated<SpecificRecord> result = map(type(event), json);

        assertThat(result.isOk()).isFalse();
        assertThat(result.problems()).extracting(Problem::field).contains(field);
    }

    @Property(tries = 600)
    void shouldMapAnyMutationOfAValidEventToARecordOrFieldErrors(@ForAll("validEvents") SpecificRecord event,
                                                                 @ForAll("anyJson") JsonNode value, @ForAll int which,
                                                                 @ForAll boolean remove) {
        List<Schema.Field> fields = event.getSchema().getFields();
        String field = fields.get(Math.floorMod(which, fields.size())).name();
        ObjectNode json = AvroJson.write(event);
        if (remove) {
            json.remove(field);
        } else {
            json.set(field, value);
        }

        map(type(event), json);
    }

    @Property(tries = 600)
    void shouldMapAnyNumberLiteralInAnyFieldToARecordOrFieldErrors(@ForAll("validEvents") SpecificRecord event,
                                                                   @ForAll("numberLiterals") String literal,
                                                                   @ForAll int which) {
        // literals a parser must not turn into a billion-digit integer or an overflowed scale (1e2147483648)
        List<Schema.Field> fields = event.getSchema().getFields();
        String field = fields.get(Math.floorMod(which, fields.size())).name();
        String text = AvroJson.write(event).put(field, "\u0000placeholder").toString()
                .replace("\"\\u0000placeholder\"", literal);

        Validated<SpecificRecord> result = map(type(event), text);

        List<String> names = fields.stream().map(Schema.Field::name).toList();
        assertThat(result.problems()).extracting(Problem::field).allMatch(f -> f.equals("$") || names.contains(f));
        if (beyondEveryField(literal)) {
            assertThat(result.problems()).extracting(Problem::field).containsAnyOf(field, "$");
        }
    }

    /** A literal with a non-zero digit and an order of magnitude no field holds (1e1000, 25 integer digits). */
    private static boolean beyondEveryField(String literal) {
        var m = java.util.regex.Pattern.compile("-?([0-9]+)(\\.[0-9]*)?(?:[eE]\\+?([0-9]+))?").matcher(literal);
        if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0') || m.group(1).startsWith("0")) {
            return false;
        }
        String exponent = m.group(3);
        return m.group(1).length() >= 25 || exponent != null && (exponent.length() > 4 || Integer.parseInt(exponent) >= 1000);
    }

    @Property(tries = 800)
    void shouldMapAnyEditOfAValidEventsTextToARecordOrFieldErrors(@ForAll("validEvents") SpecificRecord event,
                                                                  @ForAll("edits") List<Tuple.Tuple3<Integer, Integer, String>> edits) {
        StringBuilder text = new StringBuilder(AvroJson.writeLine(event));
        for (var edit : edits) {
            int at = Math.floorMod(edit.get1(), text.length() + 1);
            int end = Math.min(text.length(), at + edit.get2());
            text.replace(at, end, edit.get3());
        }

        map(type(event), text.toString());
    }

    @Property(tries = 400)
    void shouldMapAnyTextToARecordOrFieldErrors(@ForAll EventType type, @ForAll String text) {
        map(type, text);
    }

    @Property(tries = 500)
    void shouldRoundTripEveryValidEventThroughItsJson(@ForAll("validEvents") SpecificRecord event) {
        assertThat(validator.problems(event)).isEmpty();

        Validated<SpecificRecord> read = map(type(event), AvroJson.writeLine(event));

        assertThat(read.isOk()).as("%s", read.problems()).isTrue();
        assertThat(read.value()).isEqualTo(event);
    }

    private static EventType type(SpecificRecord event) {
        return EventType.byRecordClass(event.getClass()).orElseThrow();
    }

    @Provide
    Arbitrary<Tuple.Tuple2<EventType, ObjectNode>> objectsOfTheirFields() {
        return Arbitraries.of(EventType.class).flatMap(type -> {
            List<String> names = type.schema().getFields().stream().map(Schema.Field::name).toList();
            Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(names)),
                    Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
            Arbitrary<JsonNode> value = Arbitraries.frequencyOf(Tuple.of(3, scalars()), Tuple.of(1, anyJson()));
            return Combinators.combine(key, value).as(Map::entry).list().ofMaxSize(names.size() + 3)
                    .map(entries -> {
                        ObjectNode node = F.objectNode();
                        entries.forEach(e -> node.set(e.getKey(), e.getValue()));
                        return Tuple.of(type, node);
                    });
        });
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return Arbitraries.lazyOf(this::scalars, this::scalars, this::scalars, () -> containers());
    }

    @Provide
    Arbitrary<JsonNode> containers() {
        Arbitrary<JsonNode> inner = Arbitraries.lazyOf(this::scalars, this::scalars, this::anyJson);
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode a = F.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().ofMaxLength(8), inner).as(Map::entry)
                .list().ofMaxSize(4).map(entries -> {
                    ObjectNode o = F.objectNode();
                    entries.forEach(e -> o.set(e.getKey(), e.getValue()));
                    return o;
                });
        return Arbitraries.oneOf(arrays, objects, Arbitraries.of(F.booleanNode(true), F.booleanNode(false)));
    }

    /** Leaves, biased towards what the mapping's branches look at: dates, instants, symbols, bounds. */
    Arbitrary<JsonNode> scalars() {
        Arbitrary<String> dateLike = Combinators.combine(Arbitraries.integers().between(-10, 100_000),
                Arbitraries.integers().between(-1, 14), Arbitraries.integers().between(-1, 40),
                Arbitraries.of("", "T00:00:00Z", "T25:61:00+08:00", "Z", "+18:00", "[Asia/Shanghai]", " "))
                .as((y, m, d, tail) -> String.format("%04d-%02d-%02d%s", y, m, d, tail));
        Arbitrary<String> symbols = Arbitraries.of("INVENTION", "GRANTED", "ANNUAL", "Q4", "SELLER", "ACTIVE",
                "QUALIFICATION", "NATIONAL", "HIGH_TECH_ENTERPRISE", "ZONE-A", "I65", "-0", "NaN", "Infinity",
                "1e2147483648", "0x10", "", " ", "\u0000", "\ud800", "null", CreditCode.complete("91110108MA01ABCDE"));
        return Arbitraries.oneOf(
                Arbitraries.just(F.nullNode()),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false)),
                Arbitraries.integers().map(F::numberNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.doubles().map(F::numberNode),
                Arbitraries.bigDecimals().map(F::numberNode),
                Arbitraries.of("1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-0", "0.5", "1E+19",
                        "9223372036854775808", "-9223372036854775809", "2147483648", "1000000000000000001")
                        .map(s -> F.numberNode(new BigDecimal(s))),
                Arbitraries.strings().ofMaxLength(300).map(F::textNode),
                Arbitraries.strings().withCharRange('A', 'Z').withChars('_', '-', '0', '9').ofMaxLength(40).map(F::textNode),
                dateLike.map(F::textNode),
                symbols.map(F::textNode));
    }

    @Provide
    Arbitrary<String> numberLiterals() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("2147483648", "-2147483648", "2147483647", "-2147483649", "99999999999999999999", "400", "-400"));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("", "-"), digits, Arbitraries.of("", ".", ".5", ".000001"),
                        Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"), exponent)
                        .as((sign, d, frac, e, esign, exp) -> sign + d + frac + e + esign + exp.replace("-", "")),
                Combinators.combine(Arbitraries.of("", "-"), digits).as(String::concat),
                Arbitraries.strings().numeric().ofMinLength(300).ofMaxLength(2000),
                Arbitraries.of("-0", "0.0", "-0.0", "1e2147483648", "1E-2147483649", "0e99999999999", "NaN", "Infinity",
                        "-Infinity", "01", "1.", ".1", "+1", "0x1F", "1_000"));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, String>>> edits() {
        Arbitrary<String> inserted = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(4),
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "1e999999999", "-", "."));
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 6), inserted)
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<SpecificRecord> validEvents() {
        Arbitrary<String> ids = Arbitraries.strings().alpha().numeric().withChars('-', '_', '.', ':', '创')
                .ofMinLength(1).ofMaxLength(EventValidator.MAX_ID_LENGTH);
        Arbitrary<String> codes = Arbitraries.strings().withChars(CreditCode.ALPHABET.toCharArray()).ofLength(17)
                .map(CreditCode::complete);
        Arbitrary<Instant> times = Arbitraries.longs().between(0, NOW.toEpochMilli()).map(Instant::ofEpochMilli);
        Arbitrary<String> texts = Arbitraries.strings().withCharRange('a', 'z').withCharRange('\u4e00', '\u4fff')
                .withChars(' ', '\t', '"', '\\', '/').ofMinLength(1).ofMaxLength(EventValidator.MAX_NAME_LENGTH)
                .map(s -> "x" + s.substring(1));
        Arbitrary<Long> amounts = Arbitraries.longs().between(0, EventValidator.MAX_AMOUNT_FEN);
        Arbitrary<LocalDate> pastDates = Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(),
                LocalDate.of(2025, 6, 14).toEpochDay()).map(LocalDate::ofEpochDay);
        Arbitrary<Common> common = Combinators.combine(ids, codes, times, Arbitraries.of("tax-bureau", "a", "P.1_x-2"))
                .as(Common::new);
        return Arbitraries.oneOf(
                Combinators.combine(common, texts, pastDates, amounts.injectNull(0.3)).as((c, name, founded, capital) ->
                        ValidEvents.registration().setEventId(c.id).setCreditCode(c.code).setEventTime(c.time)
                                .setProvider(c.provider).setName(name).setFoundedDate(founded)
                                .setRegisteredCapitalFen(capital).build()),
                Combinators.combine(common, texts.injectNull(0.3), pastDates, ids).as((c, title, date, number) ->
                        ValidEvents.patent().setEventId(c.id).setCreditCode(c.code).setEventTime(c.time)
                                .setProvider(c.provider).setTitle(title).setActionDate(date)
                                .setPatentNumber(number.length() > 64 ? number.substring(0, 64) : number).build()),
                Combinators.combine(common, amounts, pastDates, texts.injectNull(0.3)).as((c, amount, date, counterparty) ->
                        ValidEvents.contract().setEventId(c.id).setCreditCode(c.code).setEventTime(c.time)
                                .setProvider(c.provider).setAmountFen(amount).setRegistrationDate(date)
                                .setCounterpartyName(counterparty).build()),
                Combinators.combine(common, amounts, amounts, Arbitraries.longs().between(-EventValidator.MAX_AMOUNT_FEN,
                        EventValidator.MAX_AMOUNT_FEN), Arbitraries.integers().between(0, EventValidator.MAX_PERSONS))
                        .as((c, revenue, rd, profit, employees) -> ValidEvents.taxFiling().setEventId(c.id)
                                .setCreditCode(c.code).setEventTime(c.time).setProvider(c.provider)
                                .setRevenueFen(revenue).setRdExpenseFen(rd).setNetProfitFen(profit)
                                .setEmployees(employees).setRdStaff(employees / 2).setHighLevelTalent(employees / 3).build()),
                Combinators.combine(common, amounts.injectNull(0.5), Arbitraries.doubles().between(0, 100).injectNull(0.5),
                        Arbitraries.of("FIRST", "LEAD", "A1_B")).as((c, amount, share, grade) ->
                        ValidEvents.credential().setEventId(c.id).setCreditCode(c.code).setEventTime(c.time)
                                .setProvider(c.provider).setAmountFen(amount).setEquitySharePercent(share)
                                .setGrade(grade).build()));
    }

    private record Common(String id, String code, Instant time, String provider) {
    }
}

package io.innopoints.ingest.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.EventValidator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The generated part of the {@link BadInputCorpus}: every field of every event type × every mutation its kind of
 * value must refuse, each case naming the field its rejection must name ({@code $} when the body itself is broken,
 * null when either may be named). Mutations common to every field: empty and blank strings (ASCII, ideographic and
 * em spaces), overlong text, control characters, a lone surrogate, absurd number literals (1e2147483648, 400
 * digits), empty and deeply nested containers, invalid UTF-8 inside the value, the key duplicated and the key
 * misspelled (upper case, trailing space, underscore). Per kind: numbers beyond each field's documented bounds,
 * NaN-ish strings and literals, fractions; impossible dates and timestamps, wrong time zones; enum symbols
 * decorated. Every value here is wrong for its field in any event; the corpus test proves each is refused.
 */
final class FieldMutations {
    /** Marks where a raw (not JSON-encoded) value replaces a field's value in the example's text. */
    private static final String RAW = "\u0001raw\u0001";

    /** The documented range of each numeric field, from {@link EventValidator} and the schemas. */
    private static final Map<String, long[]> BOUNDS = Map.ofEntries(
            Map.entry("registeredCapitalFen", new long[] {0, EventValidator.MAX_AMOUNT_FEN}),
            Map.entry("amountFen", new long[] {0, EventValidator.MAX_AMOUNT_FEN}),
            Map.entry("revenueFen", new long[] {0, EventValidator.MAX_AMOUNT_FEN}),
            Map.entry("rdExpenseFen", new long[] {0, EventValidator.MAX_AMOUNT_FEN}),
            Map.entry("taxesPaidFen", new long[] {0, EventValidator.MAX_AMOUNT_FEN}),
            Map.entry("netProfitFen", new long[] {-EventValidator.MAX_AMOUNT_FEN, EventValidator.MAX_AMOUNT_FEN}),
            Map.entry("employees", new long[] {0, EventValidator.MAX_PERSONS}),
            Map.entry("rdStaff", new long[] {0, EventValidator.MAX_PERSONS}),
            Map.entry("highLevelTalent", new long[] {0, EventValidator.MAX_PERSONS}),
            Map.entry("fiscalYear", new long[] {1949, 2100}),
            Map.entry("equitySharePercent", new long[] {0, 100}));

    /** Dates that are no date, or outside 1900-01-01..2100-12-31, in any date field. */
    private static final List<String> BAD_DATES = List.of("2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
            "2024-01-00", "2024-01-32", "0000-01-01", "1899-12-31", "2101-01-01", "-2024-01-01", "+99999-01-01",
            "20240101", "2024-1-01", " 2024-01-01", "2024-01-01 ", "2024-01-01Z", "2024-01-01+08:00",
            "2024-01-01T00:00:00", "2024-W01-1", "2024-001", "٢٠٢٤-٠١-٠١", "2024–01–01", "2024-01-01\u0000");
    /** Timestamps that are no instant, lack or misstate the zone, or fall outside 1970..now + tolerance. */
    private static final List<String> BAD_TIMESTAMPS = List.of("2025-06-01T08:00:00+25:00", "2025-06-01T08:00:00+18:01",
            "2025-06-01T08:00:00 Z", "2025-06-01T08:00:00[Asia/Shanghai]", "2025-06-01T08:00:00 Asia/Shanghai",
            "2025-06-01T08:00:00CST", "2025-06-01T08:00:00GMT+8", "2025-06-01T24:00:00Z", "2025-02-29T00:00:00Z",
            "2025-06-01T08:00:60Z", "2025-06-01T08:60:00Z", "2025-06-01T08:00:00.1234567891Z",
            "+292278994-08-17T07:12:55.807Z", "-2025-06-01T08:00:00Z", "1969-12-31T23:59:59.999Z",
            "2999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "2025-06-01 08:00:00Z", "2025-06-01T08:00:00ZZ");

    private FieldMutations() {
    }

    static void addTo(EventType type, List<BadInputCorpus.Case> cases) {
        for (Schema.Field field : type.schema().getFields()) {
            String f = field.name();
            Schema s = field.schema().getType() == Schema.Type.UNION
                    ? field.schema().getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                    : field.schema();
            everyField(type, f, cases);
            String logical = s.getLogicalType() == null ? "" : s.getLogicalType().getName();
            if (logical.equals("date")) {
                BAD_DATES.forEach(d -> text(cases, type, f, "bad date", d));
                text(cases, type, f, "epoch-day string", "19000");
                raw(cases, type, f, "epoch-day number", "19000", f);
            } else if (logical.equals("timestamp-millis")) {
                BAD_TIMESTAMPS.forEach(t -> text(cases, type, f, "bad timestamp", t));
                raw(cases, type, f, "millis before 1970", "-1", f);
                raw(cases, type, f, "millis in 2100", "4102444800000", f);
                raw(cases, type, f, "millis beyond long", "9223372036854775808", f);
                raw(cases, type, f, "fractional millis", "1748764800000.5", f);
            } else if (s.getType() == Schema.Type.ENUM) {
                String symbol = s.getEnumSymbols().get(0);
                for (String bad : List.of(symbol + " ", " " + symbol, symbol + "\u200b", symbol.toLowerCase(Locale.ROOT),
                        symbol.charAt(0) + symbol.substring(1).toLowerCase(Locale.ROOT), "UNKNOWN", symbol + "_X", "0")) {
                    text(cases, type, f, "decorated symbol", bad);
                }
                raw(cases, type, f, "symbol index", "0", f);
            } else if (s.getType() == Schema.Type.INT || s.getType() == Schema.Type.LONG || s.getType() == Schema.Type.DOUBLE) {
                numeric(type, f, s.getType(), cases);
            }
        }
    }

    private static void everyField(EventType type, String f, List<BadInputCorpus.Case> cases) {
        for (String bad : List.of("", " ", "\u3000", "\u2003", "\t\n", "x".repeat(5000), "\u0007", "\u001b", "\u007f",
                "\u0085", "a\u0000")) {
            text(cases, type, f, "bad text", bad);
        }
        // lone surrogates only exist as JSON escapes: a Java string holding one would be sent as '?'
        for (String escaped : List.of("\"\\ud800\"", "\"x\\udfff\"", "\"\\udfff\\ud800\"")) {
            raw(cases, type, f, "lone surrogate", escaped, f);
        }
        for (String literal : List.of("1e2147483648", "-1e2147483648", "1E+2147483648", "1e-2147483648", "1e400",
                "-1e400", "9".repeat(400), "-" + "9".repeat(400), "[]", "{}", "false", "[null]", "{\"" + f + "\":1}",
                "[".repeat(64) + "]".repeat(64), "{\"a\":".repeat(64) + "1" + "}".repeat(64))) {
            raw(cases, type, f, "literal", literal, f);
        }
        // beyond Jackson's nesting limit the whole body is refused, which may or may not name the field
        raw(cases, type, f, "nesting beyond the parser's limit", "[".repeat(3000) + "]".repeat(3000), null);
        raw(cases, type, f, "NaN literal", "NaN", null);
        raw(cases, type, f, "Infinity literal", "-Infinity", null);
        raw(cases, type, f, "leading zeros", "007", null);
        raw(cases, type, f, "unquoted word", "yes", "$");
        for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE4, (byte) 0xB8})) {
            bytes(cases, type, f, "invalid UTF-8 " + hex(bad), bad);
        }
        // the key: repeated (strict duplicate detection refuses the body), and misspelled (an unknown field)
        String valid = Examples.json(type);
        String member = "\"" + f + "\":" + Examples.node(type).get(f);
        add(cases, type.id() + ": duplicate key " + f, type, valid.replace("{", "{" + member + ","), "$");
        add(cases, type.id() + ": duplicate key " + f + " with another value", type,
                valid.substring(0, valid.length() - 1) + "," + "\"" + f + "\":\"other\"}", "$");
        for (String renamed : List.of(f.toUpperCase(Locale.ROOT), f + " ", "_" + f, f + "\u200b", f.replace('e', 'е'))) {
            if (!renamed.equals(f)) {
                add(cases, type.id() + ": key " + f + " spelled '" + renamed + "'", type,
                        valid.replace("\"" + f + "\":", "\"" + renamed + "\":"), renamed);
            }
        }
    }

    private static void numeric(EventType type, String f, Schema.Type kind, List<BadInputCorpus.Case> cases) {
        for (String bad : List.of("NaN", "Infinity", "-Infinity", "nan", "1e5", "0x10", "-0", "１２", "12 ")) {
            text(cases, type, f, "number as string", bad);
        }
        long[] bounds = BOUNDS.get(f);
        if (bounds != null) {
            raw(cases, type, f, "below minimum", Long.toString(bounds[0] - 1), f);
            raw(cases, type, f, "above maximum", Long.toString(bounds[1] + 1), f);
            if (kind == Schema.Type.DOUBLE) {
                raw(cases, type, f, "just above maximum", bounds[1] + ".000001", f);
                raw(cases, type, f, "just below minimum", "-0.000001", f);
                raw(cases, type, f, "largest double", "1.7976931348623157E308", f);
                raw(cases, type, f, "beyond double", "1.8E308", f);
            }
        }
        if (kind != Schema.Type.DOUBLE) {
            for (String fraction : List.of("0.5", "1.000000000000000000001", "2.5e0", "1e-1")) {
                raw(cases, type, f, "fraction", fraction, f);
            }
        }
        raw(cases, type, f, "long minimum", Long.toString(Long.MIN_VALUE), f);
        raw(cases, type, f, "long maximum", Long.toString(Long.MAX_VALUE), f);
        raw(cases, type, f, "beyond long", "-9223372036854775809", f);
        raw(cases, type, f, "1e19", "1e19", f);
        if (kind == Schema.Type.INT) {
            raw(cases, type, f, "beyond int", "2147483648", f);
            raw(cases, type, f, "below int", "-2147483649", f);
        }
    }

    private static void text(List<BadInputCorpus.Case> cases, EventType type, String f, String what, String value) {
        ObjectNode node = (ObjectNode) Examples.node(type);
        node.put(f, value);
        add(cases, type.id() + ": " + what + " '" + printable(value) + "' for " + f, type, node.toString(), f);
    }

    private static void raw(List<BadInputCorpus.Case> cases, EventType type, String f, String what, String literal,
                            String field) {
        add(cases, type.id() + ": " + what + " " + printable(literal) + " for " + f, type, withRaw(type, f, literal), field);
    }

    private static void bytes(List<BadInputCorpus.Case> cases, EventType type, String f, String what, byte[] bad) {
        String[] parts = withRaw(type, f, "\"a" + RAW + "b\"").split(RAW, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        cases.add(new BadInputCorpus.Case(type.id() + ": " + what + " in " + f, type, out.toByteArray(), "$"));
    }

    /** The example's text with {@code f}'s value replaced by {@code literal} as it stands. */
    private static String withRaw(EventType type, String f, String literal) {
        ObjectNode node = (ObjectNode) Examples.node(type);
        node.put(f, RAW);
        return node.toString().replace("\"\\u0001raw\\u0001\"", literal);
    }

    private static void add(List<BadInputCorpus.Case> cases, String name, EventType type, String body, String field) {
        cases.add(new BadInputCorpus.Case(name, type, body.getBytes(StandardCharsets.UTF_8), field));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(24).forEach(c -> out.append(c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return s.length() > 24 ? out + "…(" + s.length() + ")" : out.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X", b));
        }
        return out.toString();
    }
}

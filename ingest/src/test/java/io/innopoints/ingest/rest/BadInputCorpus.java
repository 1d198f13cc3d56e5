package io.innopoints.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.topic.EventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Malformed request bodies (over 4,000 distinct), each with the field its rejection must name ({@code null} = any):
 * generated per event type and field (missing, wrong JSON type, null, semantic violations, and the
 * {@link FieldMutations} every field's kind must refuse) and hand-written edge cases (empty bodies, truncated JSON at
 * every few characters, duplicate keys, NaN/Infinity, huge numbers, unicode oddities, invalid UTF-8, credit-code
 * mistakes). {@link BadRequests} holds the request-level part (headers, tokens, paths, methods, sizes, batches).
 */
public final class BadInputCorpus {
    /** One malformed body for {@code type}; {@code field} is the field path the answer must name, or null. */
    public record Case(String name, EventType type, byte[] body, String field) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** True when the body is valid UTF-8 holding one JSON object, i.e. it can stand in a batch as it is. */
        public boolean isObject() {
            try {
                String strict = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
                return strict.startsWith("{") && io.innopoints.schemas.json.AvroJson.parse(strict).isOk();
            } catch (java.nio.charset.CharacterCodingException e) {
                return false;
            }
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private BadInputCorpus() {
    }

    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (EventType type : EventType.values()) {
            perField(type, cases);
            FieldMutations.addTo(type, cases);
            semantic(type, cases);
            truncations(type, cases);
        }
        handWritten(cases);
        return cases;
    }

    private static ObjectNode valid(EventType type) {
        return (ObjectNode) Examples.node(type);
    }

    private static void add(List<Case> cases, String name, EventType type, String body, String field) {
        cases.add(new Case(name, type, body.getBytes(StandardCharsets.UTF_8), field));
    }

    private static void perField(EventType type, List<Case> cases) {
        for (Schema.Field field : type.schema().getFields()) {
            String f = field.name();
            boolean optional = field.hasDefaultValue();
            if (!optional) {
                ObjectNode missing = valid(type);
                missing.remove(f);
                add(cases, type.id() + ": missing " + f, type, missing.toString(), f);
                add(cases, type.id() + ": null " + f, type, valid(type).putNull(f).toString(), f);
            }
            Schema s = field.schema().getType() == Schema.Type.UNION
                    ? field.schema().getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                    : field.schema();
            boolean textual = s.getType() == Schema.Type.STRING || s.getType() == Schema.Type.ENUM || s.getLogicalType() != null;
            // wrong JSON types
            add(cases, type.id() + ": object for " + f, type, valid(type).set(f, F.objectNode().put("a", 1)).toString(), f);
            add(cases, type.id() + ": array for " + f, type, valid(type).set(f, F.arrayNode().add(1)).toString(), f);
            add(cases, type.id() + ": boolean for " + f, type, valid(type).put(f, true).toString(), f);
            if (textual && s.getLogicalType() == null) {
                add(cases, type.id() + ": number for " + f, type, valid(type).put(f, 42).toString(), f);
            }
            if (!textual) {
                add(cases, type.id() + ": string for " + f, type, valid(type).put(f, "12").toString(), f);
                if (s.getType() != Schema.Type.DOUBLE && s.getType() != Schema.Type.FLOAT) {
                    add(cases, type.id() + ": fraction for " + f, type, valid(type).put(f, 1.5).toString(), f);
                }
                add(cases, type.id() + ": huge number for " + f, type,
                        valid(type).toString().replace("\"" + f + "\":" + valid(type).get(f), "\"" + f + "\":1" + "0".repeat(40)), f);
            }
            if (s.getType() == Schema.Type.ENUM) {
                add(cases, type.id() + ": unknown symbol for " + f, type, valid(type).put(f, "NOT_A_SYMBOL").toString(), f);
                add(cases, type.id() + ": lowercase symbol for " + f, type,
                        valid(type).put(f, s.getEnumSymbols().get(0).toLowerCase()).toString(), f);
            }
            if (s.getLogicalType() != null && s.getLogicalType().getName().equals("date")) {
                for (String bad : List.of("2024-02-30", "2024/01/01", "01-01-2024", "2024-1-1", "", "2024-01-01T00:00:00Z", "yesterday")) {
                    add(cases, type.id() + ": bad date '" + bad + "' for " + f, type, valid(type).put(f, bad).toString(), f);
                }
            }
            if (s.getType() == Schema.Type.STRING) {
                add(cases, type.id() + ": NUL in " + f, type, valid(type).put(f, "a\u0000b").toString(), f);
                add(cases, type.id() + ": lone surrogate in " + f, type,
                        valid(type).toString().replace("\"" + f + "\":", "\"" + f + "\":\"\\ud800x\",\"__" + f + "\":"), null);
            }
        }
        // an unknown field, and the same with a confusable name
        add(cases, type.id() + ": unknown field", type, valid(type).put("unexpected", 1).toString(), "unexpected");
        add(cases, type.id() + ": case-changed field", type, rename(valid(type), "eventId", "EventId").toString(), null);
        add(cases, type.id() + ": zero-width in field name", type, rename(valid(type), "eventId", "event\u200bId").toString(), null);
        String eventTime = "eventTime";
        for (String bad : List.of("2025-06-01T08:00:00", "2025-06-01", "1717228800", "2025-06-01T25:00:00Z", "now")) {
            add(cases, type.id() + ": bad timestamp '" + bad + "'", type, valid(type).put(eventTime, bad).toString(), eventTime);
        }
        add(cases, type.id() + ": fractional epoch millis", type, valid(type).put(eventTime, 1.7e12 + 0.5).toString(), eventTime);
    }

    private static ObjectNode rename(ObjectNode node, String from, String to) {
        JsonNode value = node.remove(from);
        node.set(to, value);
        return node;
    }

    private static void semantic(EventType type, List<Case> cases) {
        String code = valid(type).get("creditCode").textValue();
        Map<String, String> codes = Map.of(
                "wrong check character", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'),
                "lowercase", code.toLowerCase(),
                "letter I", "I" + code.substring(1),
                "letter O", code.substring(0, 5) + "O" + code.substring(6),
                "letter S", code.substring(0, 9) + "S" + code.substring(10),
                "letter V", code.substring(0, 12) + "V" + code.substring(13),
                "letter Z", code.substring(0, 16) + "Z" + code.charAt(17),
                "17 characters", code.substring(0, 17),
                "19 characters", code + "0",
                "full-width digits", "９１" + code.substring(2));
        codes.forEach((why, bad) -> add(cases, type.id() + ": credit code " + why, type,
                valid(type).put("creditCode", bad).toString(), "creditCode"));
        add(cases, type.id() + ": empty credit code", type, valid(type).put("creditCode", "").toString(), "creditCode");
        add(cases, type.id() + ": credit code with spaces", type, valid(type).put("creditCode", " " + code.substring(1)).toString(), "creditCode");
        add(cases, type.id() + ": empty eventId", type, valid(type).put("eventId", "").toString(), "eventId");
        add(cases, type.id() + ": blank eventId", type, valid(type).put("eventId", "   ").toString(), "eventId");
        add(cases, type.id() + ": 129-char eventId", type, valid(type).put("eventId", "e".repeat(129)).toString(), "eventId");
        add(cases, type.id() + ": future eventTime", type, valid(type).put("eventTime", "2031-01-01T00:00:00Z").toString(), "eventTime");
        add(cases, type.id() + ": eventTime before 1970", type, valid(type).put("eventTime", "1960-01-01T00:00:00Z").toString(), "eventTime");
        add(cases, type.id() + ": negative epoch eventTime", type, valid(type).put("eventTime", -5).toString(), "eventTime");
        add(cases, type.id() + ": provider with space", type, valid(type).put("provider", "patent office").toString(), "provider");
        add(cases, type.id() + ": self retraction", type,
                valid(type).put("retractsEventId", valid(type).get("eventId").textValue()).toString(), "retractsEventId");
        switch (type) {
            case REGISTRATIONS -> {
                add(cases, "registrations: lowercase zone", type, valid(type).put("zone", "zone-a").toString(), "zone");
                add(cases, "registrations: bad industry", type, valid(type).put("industry", "65").toString(), "industry");
                add(cases, "registrations: blank name", type, valid(type).put("name", " ").toString(), "name");
                add(cases, "registrations: future founding", type, valid(type).put("foundedDate", "2030-01-01").toString(), "foundedDate");
                add(cases, "registrations: negative capital", type, valid(type).put("registeredCapitalFen", -1).toString(), "registeredCapitalFen");
            }
            case PATENTS -> {
                add(cases, "patents: blank number", type, valid(type).put("patentNumber", "").toString(), "patentNumber");
                add(cases, "patents: future action", type, valid(type).put("actionDate", "2031-01-01").toString(), "actionDate");
                add(cases, "patents: ancient action", type, valid(type).put("actionDate", "1800-01-01").toString(), "actionDate");
            }
            case TECH_CONTRACTS -> {
                add(cases, "tech-contracts: negative amount", type, valid(type).put("amountFen", -1).toString(), "amountFen");
                add(cases, "tech-contracts: blank contract", type, valid(type).put("contractId", "\t").toString(), "contractId");
                add(cases, "tech-contracts: future registration", type, valid(type).put("registrationDate", "2031-01-01").toString(), "registrationDate");
            }
            case TAX_FILINGS -> {
                for (String f : List.of("revenueFen", "rdExpenseFen", "taxesPaidFen", "employees")) {
                    add(cases, "tax-filings: negative " + f, type, valid(type).put(f, -1).toString(), f);
                }
                add(cases, "tax-filings: rdStaff > employees", type, valid(type).put("rdStaff", 59).toString(), "rdStaff");
                add(cases, "tax-filings: talent > employees", type, valid(type).put("highLevelTalent", 59).toString(), "highLevelTalent");
                add(cases, "tax-filings: year 1900", type, valid(type).put("fiscalYear", 1900).toString(), "fiscalYear");
                add(cases, "tax-filings: year 3000", type, valid(type).put("fiscalYear", 3000).toString(), "fiscalYear");
                add(cases, "tax-filings: filed before period", type, valid(type).put("filingDate", "2023-12-31").toString(), "filingDate");
                add(cases, "tax-filings: filed on period start", type, valid(type).put("filingDate", "2024-01-01").toString(), "filingDate");
                add(cases, "tax-filings: Q4 filed in Q3", type, valid(type).put("period", "Q4").put("filingDate", "2024-09-30").toString(), "filingDate");
            }
            case CREDENTIALS -> {
                add(cases, "credentials: until before from", type, valid(type).put("validUntil", "2024-12-31").toString(), "validUntil");
                add(cases, "credentials: until equals from", type, valid(type).put("validUntil", "2025-01-01").toString(), "validUntil");
                add(cases, "credentials: share 101", type, valid(type).put("equitySharePercent", 101).toString(), "equitySharePercent");
                add(cases, "credentials: share -1", type, valid(type).put("equitySharePercent", -1).toString(), "equitySharePercent");
                add(cases, "credentials: share 1e400", type,
                        valid(type).toString().replace("\"equitySharePercent\":null", "\"equitySharePercent\":1e400"), "equitySharePercent");
                add(cases, "credentials: lowercase kind", type, valid(type).put("kind", "high_tech").toString(), "kind");
                add(cases, "credentials: lowercase grade", type, valid(type).put("grade", "first").toString(), "grade");
                add(cases, "credentials: negative amount", type, valid(type).put("amountFen", -100).toString(), "amountFen");
            }
        }
    }

    private static void truncations(EventType type, List<Case> cases) {
        String text = Examples.json(type);
        for (int cut = 0; cut < text.length() - 1; cut += 17) {
            add(cases, type.id() + ": truncated at " + cut, type, text.substring(0, cut), "$");
        }
    }

    private static void handWritten(List<Case> cases) {
        EventType t = EventType.PATENTS;
        String valid = Examples.json(t);
        add(cases, "empty body", t, "", "$");
        add(cases, "whitespace body", t, " \n\t ", "$");
        add(cases, "null body", t, "null", "$");
        add(cases, "number body", t, "42", "$");
        add(cases, "string body", t, "\"patent\"", "$");
        add(cases, "array body", t, "[" + valid + "]", "$");
        add(cases, "empty object", t, "{}", null);
        add(cases, "two objects", t, valid + valid, "$");
        add(cases, "trailing garbage", t, valid + " x", "$");
        add(cases, "trailing comma", t, valid.substring(0, valid.length() - 1) + ",}", "$");
        add(cases, "single quotes", t, valid.replace('"', '\''), "$");
        add(cases, "comments", t, "/* c */" + valid, "$");
        add(cases, "unquoted keys", t, valid.replace("\"eventId\"", "eventId"), "$");
        add(cases, "duplicate eventId", t, valid.replace("{", "{\"eventId\":\"dup\","), "$");
        add(cases, "duplicate creditCode", t, valid.replace("{", "{\"creditCode\":\"91110108MA01ABCDEN\","), "$");
        add(cases, "NaN", t, valid.replace("\"title\":\"一种数据处理方法\"", "\"title\":NaN"), "$");
        add(cases, "Infinity", t, valid.replace("\"title\":\"一种数据处理方法\"", "\"title\":Infinity"), "$");
        add(cases, "-Infinity", t, valid.replace("\"title\":\"一种数据处理方法\"", "\"title\":-Infinity"), "$");
        add(cases, "leading zero", t, valid.replace("\"eventTime\":\"2025-06-01T08:00:00Z\"", "\"eventTime\":01717228800000"), "$");
        add(cases, "hex number", t, valid.replace("\"eventTime\":\"2025-06-01T08:00:00Z\"", "\"eventTime\":0x10"), "$");
        add(cases, "huge epoch millis", t, valid.replace("\"eventTime\":\"2025-06-01T08:00:00Z\"", "\"eventTime\":" + "9".repeat(400)), "eventTime");
        add(cases, "huge exponent", t, valid.replace("\"eventTime\":\"2025-06-01T08:00:00Z\"", "\"eventTime\":1e999999999"), null);
        add(cases, "deep nesting", t, valid.replace("\"title\":\"一种数据处理方法\"", "\"title\":" + "[".repeat(200) + "]".repeat(200)), null);
        add(cases, "unterminated string", t, "{\"eventId\":\"abc", "$");
        add(cases, "bad escape", t, valid.replace("pat-2025-000001", "pat\\x41"), "$");
        add(cases, "raw control char in string", t, valid.replace("pat-2025-000001", "pat\u0001"), "$");
        add(cases, "escaped NUL in eventId", t, valid.replace("pat-2025-000001", "pat\\u0000"), "eventId");
        add(cases, "escaped lone low surrogate", t, valid.replace("pat-2025-000001", "\\udc00pat"), "eventId");
        add(cases, "escaped bell in credit code", t, valid.replace("91110108MA01ABCDEN", "91110108MA01ABCD\\u0007N"), "creditCode");
        add(cases, "zero-width space in credit code", t, valid.replace("91110108MA01ABCDEN", "91110108MA01ABCD\u200bEN"), "creditCode");
        add(cases, "cyrillic A in credit code", t, valid.replace("91110108MA01ABCDEN", "91110108M\u041001ABCDEN"), "creditCode");
        add(cases, "RTL override in credit code", t, valid.replace("91110108MA01ABCDEN", "\u202e91110108MA01ABCDE"), "creditCode");
        add(cases, "emoji in zone", EventType.REGISTRATIONS, Examples.json(EventType.REGISTRATIONS).replace("ZONE-A", "ZONE-\uD83D\uDE80"), "zone");
        add(cases, "combining mark in kind", EventType.CREDENTIALS,
                Examples.json(EventType.CREDENTIALS).replace("HIGH_TECH_ENTERPRISE", "HIGH_TE\u0301CH"), "kind");
        add(cases, "full-width enum", t, valid.replace("\"INVENTION\"", "\"ＩＮＶＥＮＴＩＯＮ\""), "patentType");
        add(cases, "enum with trailing space", t, valid.replace("\"INVENTION\"", "\"INVENTION \""), "patentType");
        add(cases, "date with full-width digits", t, valid.replace("2025-05-20", "２０２５-05-20"), "actionDate");
        add(cases, "BOM before JSON", t, "\uFEFF" + valid, "$");
        cases.add(new Case("invalid UTF-8", t, withBytes(valid, new byte[] {(byte) 0xC3, (byte) 0x28}), "$"));
        cases.add(new Case("overlong UTF-8 slash", t, withBytes(valid, new byte[] {(byte) 0xC0, (byte) 0xAF}), "$"));
        cases.add(new Case("UTF-16 body", t, valid.getBytes(StandardCharsets.UTF_16), "$"));
        cases.add(new Case("lone continuation byte", t, withBytes(valid, new byte[] {(byte) 0x80}), "$"));
        add(cases, "eventId as number", t, valid.replace("\"pat-2025-000001\"", "123"), "eventId");
        add(cases, "eventTime as boolean", t, valid.replace("\"2025-06-01T08:00:00Z\"", "false"), "eventTime");
        add(cases, "negative zero millis string", t, valid.replace("\"2025-06-01T08:00:00Z\"", "\"-0\""), "eventTime");
        add(cases, "just a brace", t, "{", "$");
        add(cases, "just a bracket", t, "[", "$");
        add(cases, "just a quote", t, "\"", "$");
        add(cases, "XML", t, "<patent/>", "$");
        add(cases, "form encoded", t, "eventId=1&creditCode=2", "$");
    }

    private static byte[] withBytes(String json, byte[] bad) {
        int at = json.indexOf("pat-2025-000001") + 3;
        byte[] head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = json.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
        return out;
    }
}

package io.innopoints.sink.http;

import io.innopoints.sink.testing.Fixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The read side's bad-input corpus, generated: every query parameter of every route × the malformed values of its
 * kind (integers, decimals, instants, texts, tiers, credit codes, formats, lists), the same parameter repeated with
 * different values, malformed path parameters (credit codes, cohorts, bank ids), what-if bodies, unknown and
 * malformed paths, wrong methods, and bad tokens and headers. Every case must be refused with a 4xx in the error
 * shape; {@code field} is the parameter the errors must name (null: the refusal need not name one). Separately,
 * {@link #hostileButLegal()} lists values that are legal filters however hostile (SQL, markup, unicode): they must be
 * answered 200 and change nothing.
 */
final class ReadApiBadInputCorpus {
    /** One request; {@code authorization} null means the test's admin token. */
    record Case(String name, String method, String pathAndQuery, String authorization, String body, String field) {
    }

    static final String E1 = Fixtures.code(1);
    static final String COHORT = Fixtures.zoneCohort("ZONE-A", "growth");

    /** A parameter and the routes that read it, with the kind of value it takes. */
    private record Param(String name, Kind kind, List<String> routes) {
    }

    enum Kind { LIMIT, TOP, LEADERBOARD_TOP, DECIMAL, INSTANT, TEXT, TIER, CREDIT_CODE, FORMAT, LIST }

    private static final String CHANGES = "/api/v1/changes";
    private static final String RECENT = "/api/v1/changes/recent";
    private static final String HISTORY = "/api/v1/enterprises/" + E1 + "/history";
    private static final String CANDIDATES = "/api/v1/credit-candidates";
    private static final String LEADERBOARD = "/api/v1/leaderboards/" + enc(COHORT);
    private static final String TIERS = "/api/v1/tiers/" + enc(COHORT);

    private static final List<Param> PARAMS = List.of(
            new Param("limit", Kind.LIMIT, List.of(CHANGES, RECENT, HISTORY, "/api/v1/rejected")),
            new Param("top", Kind.TOP, List.of(CANDIDATES)),
            new Param("top", Kind.LEADERBOARD_TOP, List.of(LEADERBOARD)),
            new Param("minTotal", Kind.DECIMAL, List.of(CANDIDATES)),
            new Param("since", Kind.INSTANT, List.of(CHANGES)),
            new Param("minTier", Kind.TIER, List.of(CANDIDATES)),
            new Param("enterprise", Kind.CREDIT_CODE, List.of(CHANGES, RECENT)),
            new Param("format", Kind.FORMAT, List.of(CHANGES, HISTORY, CANDIDATES, LEADERBOARD, TIERS, "/api/v1/leaderboards",
                    "/api/v1/tiers", "/api/v1/rejected", "/api/v1/shadow-diffs", "/api/v1/credit-programmes",
                    "/api/v1/credit-programmes/pilot-a/allocation", "/api/v1/releases", "/api/v1/releases/2024-annual")),
            new Param("release", Kind.TEXT, List.of("/api/v1/credit-programmes/pilot-a/allocation")),
            new Param("cohort", Kind.LIST, List.of(CHANGES, CANDIDATES)),
            new Param("after", Kind.TEXT, List.of(CHANGES)),
            new Param("scope", Kind.TEXT, List.of(CANDIDATES)),
            new Param("zone", Kind.TEXT, List.of(CANDIDATES)),
            new Param("stage", Kind.TEXT, List.of(CANDIDATES)),
            new Param("industry", Kind.TEXT, List.of(CANDIDATES)),
            new Param("tier", Kind.TEXT, List.of(TIERS)),
            new Param("cohort", Kind.TEXT, List.of("/api/v1/shadow-diffs", RECENT)));

    /** Malformed as any integer parameter. */
    private static final List<String> NOT_INTEGERS = List.of("abc", "1.5", "1e3", "0x10", "NaN", "Infinity", "-Infinity",
            "99999999999999999999", "2147483648", "-2147483649", "１", "١", "1 OR 1=1", "1;DROP TABLE enterprise_scores",
            "+-1", "1_000", "--1", "1,2", "true", "null", "[1]", "%1", "1%00", "\u202e1", "0o7", "1L", "1.", ".5", "½", "Ⅻ",
            "²", "٣٠");
    /** Malformed as a decimal filter (finite, within ±1e9). */
    private static final List<String> NOT_DECIMALS = List.of("NaN", "nan", "Infinity", "+Infinity", "-Infinity", "1e999",
            "1e10", "-1e10", "1000000001", "0x1p3", "1,5", "1.5.5", "--1", "1e", ".", "e5", "١٢", "1d", "1f",
            "9999999999999999", "1e-9999", "50 OR 1=1", "50;--", "1E+1000", "0.0000000000000001e-400", "１");
    /** Malformed as an instant (ISO-8601 with zone or epoch millis, 1970..9999). */
    private static final List<String> NOT_INSTANTS = List.of("2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-06-01",
            "2026-06-01T00:00:00", "2026-06-01 00:00:00Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z", "-1", "9999999999999999999999999", "253402300800000", "NaN", "Infinity",
            "yesterday", "now", "2026-06-01T00:00:00+25:00", "2026-06-01T00:00:00[Asia/Shanghai]", "1e12", "0x10",
            "2026-06-01T25:00:00Z", "2026-06-01T00:00:00.1234567891Z", "1717200000000.5", "'2026-06-01'",
            "2026-06-01T00:00:00Z' OR '1'='1", "２０２６-06-01T00:00:00Z", "-9223372036854775808", "9223372036854775807");
    /** Texts no text parameter takes: overlong, control characters, broken surrogates (as UTF-8 escapes). */
    private static final List<String> NOT_TEXTS = List.of("x".repeat(201), "创".repeat(201), "a\u0000b", "\u0001",
            "a\nb", "a\rb", "\u001b[31m", "\u007f", "\u0085", "tab\there");
    private static final List<String> NOT_TIERS = List.of("a", "AAAAAAAAA", "A B", "1A", "A;", "Ａ", "A'--", "-A", "+",
            "A\u0000", "é", "ZZZZZZZZZZZZ");
    private static final List<String> NOT_CREDIT_CODES = notCreditCodes();
    private static final List<String> NOT_FORMATS = List.of("xml", "jsonp", "csv;", "html", "CSVX", "json,csv",
            "application/json", "text/csv", "csv\u0000", "1", "%");

    private ReadApiBadInputCorpus() {
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Param p : PARAMS) {
            for (String route : p.routes()) {
                for (String bad : malformed(p.kind())) {
                    out.add(get(p.name() + "=" + printable(bad) + " on " + route, route + "?" + p.name() + "=" + enc(bad), p.name()));
                }
                // the same parameter twice with different values: ambiguous, so refused rather than one picked
                if (p.kind() != Kind.LIST) {
                    String value = legal(p.kind());
                    out.add(get(p.name() + " repeated on " + route, route + "?" + p.name() + "=" + enc(value) + "&"
                            + p.name() + "=" + enc(value + "0"), p.name()));
                }
            }
        }
        pathParameters(out);
        whatIf(out);
        pathsMethodsAndHeaders(out);
        return out;
    }

    private static List<String> malformed(Kind kind) {
        List<String> out = new ArrayList<>(NOT_TEXTS);
        switch (kind) {
            case LIMIT -> {
                out.addAll(NOT_INTEGERS);
                out.addAll(List.of("0", "-1", "1001", "-2147483648", "2147483647"));
            }
            case TOP -> {
                out.addAll(NOT_INTEGERS);
                out.addAll(List.of("0", "-1", "1001"));
            }
            case LEADERBOARD_TOP -> {
                out.addAll(NOT_INTEGERS);
                out.addAll(List.of("0", "-1", "-2147483648"));
            }
            case DECIMAL -> out.addAll(NOT_DECIMALS);
            case INSTANT -> out.addAll(NOT_INSTANTS);
            case TIER -> out.addAll(NOT_TIERS);
            // an empty value is an absent filter, not a malformed one
            case CREDIT_CODE -> NOT_CREDIT_CODES.stream().filter(c -> !c.isEmpty()).forEach(out::add);
            case FORMAT -> out.addAll(NOT_FORMATS);
            case LIST -> out.add(String.join(",", Collections.nCopies(101, "c")));
            case TEXT -> { }
        }
        return out;
    }

    private static String legal(Kind kind) {
        return switch (kind) {
            case LIMIT, TOP, LEADERBOARD_TOP -> "5";
            case DECIMAL -> "10.5";
            case INSTANT -> "2026-01-01T00:00:00Z";
            case TIER -> "A";
            case CREDIT_CODE -> E1;
            case FORMAT -> "json";
            case TEXT, LIST -> "x";
        };
    }

    private static List<String> notCreditCodes() {
        String c = E1;
        return List.of(c.substring(0, 17), c + "0", c.toLowerCase(java.util.Locale.ROOT), "I" + c.substring(1),
                c.substring(0, 5) + "O" + c.substring(6), c.substring(0, 9) + "S" + c.substring(10),
                c.substring(0, 12) + "V" + c.substring(13), c.substring(0, 16) + "Z" + c.charAt(17),
                c.substring(0, 17) + (c.charAt(17) == '0' ? '1' : '0'), "９１" + c.substring(2), " " + c.substring(1),
                c.substring(0, 17) + "\u200b", "", "' OR '1'='1", "../" + c.substring(3), "%", "０".repeat(18));
    }

    private static void pathParameters(List<Case> out) {
        for (String bad : NOT_CREDIT_CODES) {
            if (bad.isEmpty() || bad.contains("/")) {
                continue;
            }
            String code = enc(bad).replace("+", "%20");
            // an encoded '%' is refused by the server's URI check before any route, which names no parameter
            String field = bad.contains("%") ? null : "creditCode";
            out.add(get("creditCode " + printable(bad), "/api/v1/enterprises/" + code, field));
            out.add(get("creditCode " + printable(bad) + " on history", "/api/v1/enterprises/" + code + "/history", field));
            out.add(get("creditCode " + printable(bad) + " on consents", "/api/v1/enterprises/" + code + "/consents", field));
            out.add(new Case("creditCode " + printable(bad) + " on what-if", "POST", "/api/v1/enterprises/" + code + "/what-if",
                    null, "{}", field));
        }
        for (String bad : List.of("x".repeat(201), "a%00b", "%01", "%7F", "%C2%85")) {
            // a raw escape may already be refused by the server's URI check, which names no parameter
            String field = bad.contains("%") ? null : "cohortId";
            String segment = bad.contains("%") ? bad : enc(bad);
            out.add(get("cohortId " + printable(bad) + " on leaderboard", "/api/v1/leaderboards/" + segment, field));
            out.add(get("cohortId " + printable(bad) + " on tiers", "/api/v1/tiers/" + segment, field));
        }
        for (String bad : List.of("Pilot-A", "-pilot", "p".repeat(65), "pilot%20a", "%E8%AE%A1%E5%88%92", "pilot%00",
                "pilot'--", "pilot%3B1", "_pilot", "pilot%2Cx")) {
            out.add(get("programmeId " + printable(bad), "/api/v1/credit-programmes/" + bad + "/allocation",
                    bad.contains("%00") ? null : "programmeId"));
        }
        for (String bad : List.of("-bank", ".bank", "b".repeat(65), "bank%20one", "%E9%93%B6%E8%A1%8C", "bank%00", "bank'--",
                "bank%3B1", "_bank", "bank%2Cx")) {
            for (String method : List.of("PUT", "DELETE")) {
                out.add(new Case(method + " consent of bank " + bad, method, "/api/v1/enterprises/" + E1 + "/consents/" + bad,
                        null, null, bad.contains("%00") ? null : "bankId"));
            }
        }
    }

    private static void whatIf(List<Case> out) {
        String path = "/api/v1/enterprises/" + E1 + "/what-if";
        for (String[] body : List.of(
                new String[] {"{", "body"}, new String[] {"[]", "body"}, new String[] {"42", "body"},
                new String[] {"\"x\"", "body"}, new String[] {"{\"changes\":[]}", "changes"},
                new String[] {"{\"changes\":1}", "changes"}, new String[] {"{\"changes\":\"x\"}", "changes"},
                new String[] {"{\"changes\":{\"revenue\":\"1\"}}", "changes.revenue"},
                new String[] {"{\"changes\":{\"revenue\":true}}", "changes.revenue"},
                new String[] {"{\"changes\":{\"revenue\":[1]}}", "changes.revenue"},
                new String[] {"{\"changes\":{\"revenue\":{}}}", "changes.revenue"},
                new String[] {"{\"top\":0}", "top"}, new String[] {"{\"top\":-1}", "top"},
                new String[] {"{\"top\":10001}", "top"}, new String[] {"{\"top\":1.5}", "top"},
                new String[] {"{\"top\":\"5\"}", "top"}, new String[] {"{\"top\":1e999}", "top"},
                new String[] {"{\"top\":99999999999999999999}", "top"}, new String[] {"{\"cohort\":\"\"}", "cohort"},
                new String[] {"{\"cohort\":\" \"}", "cohort"}, new String[] {"{\"cohort\":1}", "cohort"},
                new String[] {"{\"cohort\":[]}", "cohort"}, new String[] {"{\"unknown\":1}", "unknown"},
                new String[] {"{\"changes\":{},\"changes\":{}}", "body"}, new String[] {"{\"changes\":{}} x", "body"},
                new String[] {"{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}", null},
                new String[] {"{\"changes\":{\"revenue\":NaN}}", "body"})) {
            out.add(new Case("what-if body " + printable(body[0]), "POST", path, null, body[0], body[1]));
        }
    }

    private static void pathsMethodsAndHeaders(List<Case> out) {
        for (String path : List.of("/api/v1/nothing", "/api/v2/leaderboards", "/api/v1/enterprises", "/api/v1/enterprises/",
                "/api/v1/leaderboards/" + "c".repeat(9000), "/api/v1/..%2F..%2Fetc%2Fpasswd",
                "/api/v1/enterprises/" + E1 + "/nothing", "/api/v1/changes/recent/x", "/api/v1/lag/x", "/%00",
                "/api/v1/enterprises/%2e%2e/", "/metrics/x")) {
            out.add(get("path " + printable(path), path, null));
        }
        for (String route : List.of("/api/v1/leaderboards", CHANGES, "/api/v1/me", "/api/v1/lag", HISTORY, "/api/v1/models")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                out.add(new Case(method + " " + route, method, route, null, "{}", null));
            }
        }
        for (String auth : List.of("Bearer", "Bearer ", "Bearer wrong", "Bearer " + "t".repeat(4000), "Basic dXNlcjpwYXNz",
                "Token token-admin-all-zones", "token-admin-all-zones", "Bearer token-admin-all-zones x",
                "Bearer TOKEN-ADMIN-ALL-ZONES", "Bearer \"token-admin-all-zones\"", "Bearer token-admin-all-zone")) {
            for (String route : List.of("/api/v1/leaderboards", CHANGES, "/api/v1/lag")) {
                out.add(new Case("Authorization '" + printable(auth) + "' on " + route, "GET", route, auth, null, null));
            }
        }
        for (String route : List.of(CHANGES, "/api/v1/lag", "/api/v1/rejected", "/metrics")) {
            out.add(new Case("no token on " + route, "GET", route, "", null, null));
        }
    }

    private static Case get(String name, String pathAndQuery, String field) {
        return new Case(name, "GET", pathAndQuery, null, null, field);
    }

    /**
     * Filters that are legal however hostile they look: SQL, quotes, markup, unicode, percent signs. They must match
     * nothing and change nothing.
     */
    static List<String> hostileButLegal() {
        List<String> out = new ArrayList<>();
        for (String value : List.of("' OR '1'='1", "x'; DROP TABLE enterprise_scores; --", "\" OR \"\"=\"", "1) OR (1=1",
                "%", "%%", "_", "\\", "\\'", "<script>alert(1)</script>", "${jndi:ldap://x}", "../../etc/passwd",
                "创新", "\ud83d\ude80", "\u202e", "NULL", "null", "*", "?", "#", "&", "=", " x ", "x".repeat(200))) {
            for (String p : List.of("zone", "stage", "industry", "scope", "cohort")) {
                out.add(CANDIDATES + "?" + p + "=" + enc(value));
            }
            out.add(CHANGES + "?after=" + enc(value));
            out.add(CHANGES + "?cohort=" + enc(value));
            out.add(TIERS + "?tier=" + enc(value));
            out.add("/api/v1/shadow-diffs?cohort=" + enc(value));
        }
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(32).forEach(c -> out.append(c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return s.length() > 32 ? out + "…(" + s.length() + ")" : out.toString();
    }
}

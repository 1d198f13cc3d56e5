package io.innopoints.schemas.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.validation.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds on JSON number literals before anything converts them: a literal's order of magnitude is read from its
 * text (integer digits + exponent, in {@code long} arithmetic), so {@code 1e2147483648} or {@code 1e-2147483647}
 * are reported as out of range with the field they sit in instead of overflowing an {@code int} scale or building
 * a billion-digit integer. Every schema field is far inside {@code ±1e}{@value #MAX_MAGNITUDE}.
 */
final class NumberLiterals {
    /** Largest decimal exponent any literal may have; long and double fields end far below it. */
    static final int MAX_MAGNITUDE = 400;

    private static final Pattern LITERAL = Pattern.compile("-?(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?");

    private NumberLiterals() {
    }

    /** True when the number has at most {@code digits} digits before the decimal point (no overflow on huge scales). */
    static boolean withinDigits(JsonNode number, int digits) {
        BigDecimal d = number.decimalValue();
        return d.signum() == 0 || (long) d.precision() - (long) d.scale() <= digits;
    }

    /**
     * The problems of a text whose parse failed on a number: every literal outside the representable magnitude,
     * named by its field path ({@code amountFen}, {@code [3].amountFen}); empty when there is none.
     */
    static Optional<List<Problem>> outOfRange(String text) {
        List<Problem> problems = new ArrayList<>();
        try (JsonParser p = AvroJson.mapper().getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if ((t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) && absurd(p.getText())) {
                    problems.add(new Problem(path(p.getParsingContext().pathAsPointer()),
                            "number " + abbreviate(p.getText()) + " is out of range"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a later syntax error: the literals found so far are still the answer
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems);
    }

    /** True when a non-zero number's order of magnitude lies within ±1e{@value #MAX_MAGNITUDE}. */
    static boolean withinMagnitude(JsonNode number) {
        if (!number.isBigDecimal()) {
            return true;
        }
        BigDecimal d = number.decimalValue();
        return d.signum() == 0 || Math.abs((long) d.precision() - (long) d.scale()) <= MAX_MAGNITUDE;
    }

    /** True when the literal's magnitude (ignoring zero) lies outside ±1e{@value #MAX_MAGNITUDE}. */
    static boolean absurd(String literal) {
        Matcher m = LITERAL.matcher(literal);
        if (!m.matches()) {
            return true;
        }
        String exponent = m.group(3);
        long exp = 0;
        if (exponent != null) {
            String digits = exponent.replaceFirst("^[+-]?0*", "");
            if (digits.length() > 10) {
                return true;
            }
            exp = digits.isEmpty() ? 0 : Long.parseLong(digits) * (exponent.startsWith("-") ? -1 : 1);
        }
        String integer = m.group(1).replaceFirst("^0+", "");
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (integer.isEmpty() && fraction.replace("0", "").isEmpty()) {
            return Math.abs(exp) > Integer.MAX_VALUE; // zero: only an exponent BigDecimal cannot hold is a problem
        }
        long magnitude = integer.isEmpty()
                ? exp - (fraction.length() - fraction.replaceFirst("^0+", "").length())
                : exp + integer.length();
        return Math.abs(magnitude) > MAX_MAGNITUDE;
    }

    /** {@code /3/amountFen} → {@code [3].amountFen}, the field-path style of every problem. */
    static String path(JsonPointer pointer) {
        StringBuilder out = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement() && p.getMatchingProperty().chars().allMatch(Character::isDigit)) {
                out.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return out.length() == 0 ? "$" : out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}

package io.innopoints.schemas;

import java.util.Optional;

/**
 * The Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-symbol alphabet
 * (digits and capitals without I, O, S, V, Z) whose last character is a check character over the first 17
 * with weights 3^i mod 31. Every enterprise key in InnoPoints is one.
 */
public final class CreditCode {
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public static final int LENGTH = 18;
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** True when {@code code} is a well-formed credit code with a correct check character. */
    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** Why {@code code} is not a valid credit code, or empty when it is. */
    public static Optional<String> problem(String code) {
        if (code == null) {
            return Optional.of("must not be null");
        }
        if (code.length() != LENGTH) {
            return Optional.of("must be " + LENGTH + " characters, got " + code.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                String why = Character.isLowerCase(c) ? "lowercase letters are not allowed"
                        : "IOSVZ".indexOf(c) >= 0 ? "letters I, O, S, V and Z are not used"
                        : "only digits and capitals of " + ALPHABET + " are allowed";
                return Optional.of("character " + (i + 1) + " '" + printable(c) + "' is invalid: " + why);
            }
        }
        char expected = checkCharacter(code.substring(0, LENGTH - 1));
        if (code.charAt(LENGTH - 1) != expected) {
            return Optional.of("check character is '" + code.charAt(LENGTH - 1) + "' but should be '" + expected + "'");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters of a code (all from {@link #ALPHABET}). */
    public static char checkCharacter(String first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not in the alphabet");
            }
            sum += value * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** Appends the check character to 17 characters, giving a valid code. */
    public static String complete(String first17) {
        return first17 + checkCharacter(first17);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}

package io.noseid.gateway.registration.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/**
 * {@code {yyyyMMddHHmmss}{initials}{phone4}} as the contract defines it. Pure functions; the database-backed
 * uniqueness lives in {@link RegistrationNumberIssuer}.
 */
public final class RegistrationNumbers {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int HANGUL_FIRST = 0xAC00;
    private static final int HANGUL_LAST = 0xD7A3;
    /** Syllables per initial consonant: 21 medial vowels x 28 finals. */
    private static final int PER_INITIAL = 21 * 28;
    /** The 19 initial consonants in Unicode order, as compatibility jamo (not the conjoining U+1100 block). */
    private static final char[] INITIALS = {
            'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'};

    private RegistrationNumbers() {
    }

    public static String base(Instant when, ZoneId zone, String dogName, String phone) {
        return STAMP.format(when.atZone(zone)) + initials(dogName) + phone4(phone);
    }

    /**
     * Hangul syllables give their initial consonant; each word of Latin letters gives its first letter upper-cased;
     * everything else is skipped; {@code X} when nothing is left.
     */
    public static String initials(String name) {
        StringBuilder out = new StringBuilder();
        boolean inLatinWord = false;
        if (name != null) {
            int i = 0;
            while (i < name.length()) {
                int cp = name.codePointAt(i);
                i += Character.charCount(cp);
                if (cp >= HANGUL_FIRST && cp <= HANGUL_LAST) {
                    out.append(INITIALS[(cp - HANGUL_FIRST) / PER_INITIAL]);
                    inLatinWord = false;
                } else if (isLatinLetter(cp)) {
                    if (!inLatinWord) {
                        out.append(latinInitial(cp));
                        inLatinWord = true;
                    }
                } else {
                    inLatinWord = false;
                }
            }
        }
        return out.isEmpty() ? "X" : out.toString();
    }

    public static String phone4(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }

    /** The first candidate, starting with {@code base} then {@code base-2}, {@code base-3}, ..., that reserves. */
    public static String firstFree(String base, Predicate<String> reserve) {
        if (reserve.test(base)) {
            return base;
        }
        for (int suffix = 2; ; suffix++) {
            String candidate = base + "-" + suffix;
            if (reserve.test(candidate)) {
                return candidate;
            }
        }
    }

    private static boolean isLatinLetter(int cp) {
        return Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }

    private static String latinInitial(int cp) {
        return new String(Character.toChars(cp)).toUpperCase(java.util.Locale.ROOT);
    }
}

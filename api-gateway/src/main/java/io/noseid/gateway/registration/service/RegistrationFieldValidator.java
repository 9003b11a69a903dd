package io.noseid.gateway.registration.service;

import io.noseid.gateway.dog.DogSex;
import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.error.FieldError;
import io.noseid.gateway.owner.Contacts;

import java.text.Normalizer;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The contract's field rules for a registration; every broken rule is reported at once. */
public final class RegistrationFieldValidator {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 \\-]+$");
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private RegistrationFieldValidator() {
    }

    /** The form's text fields as sent: each list holds every value of that field, in order. */
    public record Fields(List<String> ownerName, List<String> ownerPhone, List<String> ownerEmail,
                         List<String> dogName, List<String> dogBreed, List<String> dogBirthYear,
                         List<String> dogSex) {
    }

    public static RegistrationDetails validate(Fields fields, ZoneId zone) {
        List<FieldError> errors = new ArrayList<>();
        String name = text("ownerName", single("ownerName", fields.ownerName(), errors), true, 100, errors);
        String phone = phone(single("ownerPhone", fields.ownerPhone(), errors), errors);
        String email = email(single("ownerEmail", fields.ownerEmail(), errors), errors);
        String dog = text("dogName", single("dogName", fields.dogName(), errors), true, 50, errors);
        String breed = text("dogBreed", single("dogBreed", fields.dogBreed(), errors), false, 100, errors);
        Integer year = year(single("dogBirthYear", fields.dogBirthYear(), errors), zone, errors);
        DogSex sex = sex(single("dogSex", fields.dogSex(), errors), errors);
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.FIELD_INVALID, "Some fields are missing or invalid", errors);
        }
        return new RegistrationDetails(name, phone, email, dog, breed, year, sex);
    }

    /**
     * The field's one value, normalised to NFC (a Hangul name typed in decomposed form is the same name); null when
     * absent. A field sent twice is refused: silently keeping one of two values would register something the client
     * did not mean.
     */
    private static String single(String field, List<String> values, List<FieldError> errors) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.add(new FieldError(field, "must be sent once; it was sent " + values.size() + " times"));
            return null;
        }
        String value = values.getFirst();
        return value == null ? null : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /** Bidirectional embeddings, overrides and isolates: they make a stored name read differently from its bytes. */
    static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    private static String text(String field, String value, boolean required, int max, List<FieldError> errors) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        int length = v.codePointCount(0, v.length());
        if (length > max) {
            errors.add(new FieldError(field, "must be 1 to " + max + " characters"));
        } else if (v.codePoints().anyMatch(c -> Character.isISOControl(c) || isBidiControl(c))) {
            errors.add(new FieldError(field, "must not contain control or bidirectional override characters"));
        }
        return v;
    }

    private static String phone(String value, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            errors.add(new FieldError("ownerPhone", "is required"));
            return null;
        }
        int digits = Contacts.normalisePhone(v).length();
        if (!PHONE.matcher(v).matches() || digits < 9 || digits > 15) {
            errors.add(new FieldError("ownerPhone", "must be 9 to 15 digits, optionally with +, - and spaces"));
        }
        return v;
    }

    private static String email(String value, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
            errors.add(new FieldError("ownerEmail", "must be a valid e-mail address"));
        }
        return v;
    }

    private static Integer year(String value, ZoneId zone, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return null;
        }
        int current = Year.now(zone).getValue();
        try {
            int year = Integer.parseInt(v);
            if (year >= 1990 && year <= current) {
                return year;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("dogBirthYear", "must be a year from 1990 to " + current));
        return null;
    }

    private static DogSex sex(String value, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return DogSex.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("dogSex", "must be MALE, FEMALE or UNKNOWN"));
            return null;
        }
    }
}

package io.noseid.gateway.owner;

/** Normalising and masking of owner contact data (masked in logs and in client-role answers). */
public final class Contacts {

    private Contacts() {
    }

    /** Digits only; {@code +82 10-1234-5678} gives {@code 821012345678}. */
    public static String normalisePhone(String phone) {
        return phone == null ? null : phone.replaceAll("[^0-9]", "");
    }

    /** {@code 01012345678} gives {@code 010-****-5678}: the prefix and the last four digits stay readable. */
    public static String maskPhone(String phone) {
        String digits = normalisePhone(phone);
        if (digits == null || digits.isEmpty()) {
            return digits;
        }
        if (digits.length() <= 4) {
            return "****";
        }
        String last4 = digits.substring(digits.length() - 4);
        String prefix = digits.substring(0, Math.min(3, digits.length() - 4));
        return prefix + "-****-" + last4;
    }

    /** {@code jane.doe@example.com} gives {@code j***@example.com}. */
    public static String maskEmail(String email) {
        if (email == null || email.isEmpty()) {
            return email;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}

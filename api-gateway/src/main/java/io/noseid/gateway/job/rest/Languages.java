package io.noseid.gateway.job.rest;

import java.util.List;
import java.util.Locale;

/** The languages the API answers owners in: Korean and English, English for anything else. */
final class Languages {

    private Languages() {
    }

    /** The first of the client's acceptable languages that the API speaks (they come best first), else English. */
    static Locale preferred(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("ko".equals(locale.getLanguage())) {
                return Locale.KOREAN;
            }
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }
}

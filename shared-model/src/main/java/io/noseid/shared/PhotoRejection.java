package io.noseid.shared;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Why a photo was not used: the contract's {@code reasonCode}. The words shown to a dog owner live in one bundle
 * ({@code photo-rejections*.properties} beside this class), in English and Korean; the gateway picks the language of
 * the request, the worker's messages carry the English text for clients that read only {@code reason}.
 */
public enum PhotoRejection {
    NO_NOSE,
    NOSE_TOO_SMALL,
    BLURRED,
    TOO_DARK,
    /** The file does not decode completely (for example a truncated JPEG): never enrolled or matched. */
    UNREADABLE;

    private static final String BUNDLE = "io.noseid.shared.photo-rejections";

    /** The owner-facing text in {@code locale}'s language (Korean or English; English for any other). */
    public String text(Locale locale) {
        Locale language = locale != null && "ko".equals(locale.getLanguage()) ? Locale.KOREAN : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, language, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES)).getString(name());
    }

    public String english() {
        return text(Locale.ROOT);
    }
}

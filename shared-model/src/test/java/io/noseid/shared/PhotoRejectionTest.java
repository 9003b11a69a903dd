package io.noseid.shared;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoRejectionTest {

    @Test
    void everyReasonHasEnglishAndKoreanWords() {
        for (PhotoRejection reason : PhotoRejection.values()) {
            String english = reason.text(Locale.ENGLISH);
            String korean = reason.text(Locale.KOREAN);
            assertTrue(english.chars().allMatch(c -> c < 128), reason + " English text: " + english);
            assertTrue(korean.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL),
                    reason + " Korean text: " + korean);
            assertNotEquals(english, korean);
            assertEquals(english, reason.english());
        }
    }

    @Test
    void otherLanguagesGetEnglish() {
        assertEquals(PhotoRejection.BLURRED.english(), PhotoRejection.BLURRED.text(Locale.GERMAN));
        assertEquals(PhotoRejection.BLURRED.english(), PhotoRejection.BLURRED.text(null));
        assertEquals(PhotoRejection.BLURRED.text(Locale.KOREAN), PhotoRejection.BLURRED.text(Locale.forLanguageTag("ko-KR")));
    }

    @Test
    void rejectedAssessmentsCarryCodeAndEnglishText() {
        PhotoAssessment a = PhotoAssessment.rejected(2, PhotoRejection.UNREADABLE, null, null);
        assertEquals(PhotoRejection.UNREADABLE, a.reasonCode());
        assertEquals(PhotoRejection.UNREADABLE.english(), a.reason());
    }
}

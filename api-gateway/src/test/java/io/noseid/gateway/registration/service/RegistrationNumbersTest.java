package io.noseid.gateway.registration.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegistrationNumbersTest {

    private static final Instant WHEN = Instant.parse("2026-11-29T07:05:31Z");

    @Test
    void hangulGivesCompatibilityJamoInitials() {
        assertEquals("ㅊㅋ", RegistrationNumbers.initials("초코"));
        assertEquals("ㅎㄱㄷ", RegistrationNumbers.initials("홍길동"));
        assertEquals("ㅇㅎ", RegistrationNumbers.initials("아힣"));
        // compatibility jamo U+3131.., not the conjoining U+1100 block
        assertEquals(0x314A, RegistrationNumbers.initials("초").charAt(0));
    }

    @Test
    void doubleConsonants() {
        assertEquals("ㄲㅁ", RegistrationNumbers.initials("까미"));
        assertEquals("ㄸㄸ", RegistrationNumbers.initials("똘똘"));
        assertEquals("ㅃㅃ", RegistrationNumbers.initials("뽀빠"));
        assertEquals("ㅆㅉ", RegistrationNumbers.initials("쑥짱"));
    }

    @Test
    void latinWordsGiveTheirFirstLetterUpperCased() {
        assertEquals("MP", RegistrationNumbers.initials("Max Power"));
        assertEquals("B", RegistrationNumbers.initials("bella"));
        assertEquals("MDL", RegistrationNumbers.initials("max  de-la"));
        assertEquals("É", RegistrationNumbers.initials("éclair"));
    }

    @Test
    void mixedScriptsKeepTheirOrderAndSkipOthers() {
        assertEquals("ㅊㅋM", RegistrationNumbers.initials("초코 Max"));
        assertEquals("Mㅂ", RegistrationNumbers.initials("Mini 봄"));
        assertEquals("ㄱㅇR", RegistrationNumbers.initials("검은😀Rex!"));
        assertEquals("ㄱRㅅ", RegistrationNumbers.initials("검 😀 Rex 3세"));
    }

    @Test
    void nothingLeftGivesX() {
        assertEquals("X", RegistrationNumbers.initials("123 !?"));
        assertEquals("X", RegistrationNumbers.initials("犬"));
        assertEquals("X", RegistrationNumbers.initials("😀"));
        assertEquals("X", RegistrationNumbers.initials(""));
    }

    @Test
    void fullNumberUsesConfiguredZoneAndLastFourDigits() {
        assertEquals("20261129160531ㅊㅋ5678",
                RegistrationNumbers.base(WHEN, ZoneId.of("Asia/Seoul"), "초코", "010-1234-5678"));
        assertEquals("20261129070531MP5678",
                RegistrationNumbers.base(WHEN, ZoneId.of("UTC"), "Max Power", "+82 10 1234 5678"));
        assertEquals("20261128230531X4321",
                RegistrationNumbers.base(WHEN, ZoneId.of("America/Los_Angeles"), "42", "0109876-4321"));
    }

    @Test
    void collisionAppendsIncreasingSuffix() {
        Set<String> issued = new HashSet<>();
        assertEquals("20261129160531ㅊㅋ5678", RegistrationNumbers.firstFree("20261129160531ㅊㅋ5678", issued::add));
        assertEquals("20261129160531ㅊㅋ5678-2", RegistrationNumbers.firstFree("20261129160531ㅊㅋ5678", issued::add));
        assertEquals("20261129160531ㅊㅋ5678-3", RegistrationNumbers.firstFree("20261129160531ㅊㅋ5678", issued::add));
        assertEquals(3, issued.size());
    }
}

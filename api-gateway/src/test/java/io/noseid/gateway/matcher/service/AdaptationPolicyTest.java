package io.noseid.gateway.matcher.service;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptationPolicyTest {

    private final AdaptationPolicy defaults = new AdaptationPolicy(50, 2.0);

    @Test
    void theFirstAdaptationIsDueAtFirstAtDogs() {
        assertFalse(defaults.due(49, OptionalInt.empty()));
        assertTrue(defaults.due(50, OptionalInt.empty()));
        assertTrue(defaults.due(51, OptionalInt.empty()), "reached, also when a registration was skipped over");
    }

    @Test
    void theNextIsDueWhenTheGalleryGrewByTheFactorOverTheLastSuccessfulOne() {
        assertEquals(120, defaults.dueAt(OptionalInt.of(60)));
        assertFalse(defaults.due(119, OptionalInt.of(60)));
        assertTrue(defaults.due(120, OptionalInt.of(60)));
        assertEquals(602, new AdaptationPolicy(50, 1.5).dueAt(OptionalInt.of(401)), "rounded up: 601.5 dogs");
    }

    @Test
    void neverBelowFirstAtDogsAfterASmallManualAdaptation() {
        assertEquals(50, defaults.dueAt(OptionalInt.of(10)));
        assertEquals(50, defaults.dueAt(OptionalInt.of(0)), "an adaptation of no dogs does not make every one due");
        assertFalse(defaults.due(20, OptionalInt.of(10)));
    }

    @Test
    void decimalFactorsAreExact() {
        // 1.1 x 10 in binary floating point is 11.000000000000002, whose ceiling would be 12
        assertEquals(11, new AdaptationPolicy(1, 1.1).dueAt(OptionalInt.of(10)));
        assertEquals(3, new AdaptationPolicy(1, 1.5).dueAt(OptionalInt.of(2)));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptationPolicy(0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new AdaptationPolicy(50, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new AdaptationPolicy(50, Double.NaN));
    }
}

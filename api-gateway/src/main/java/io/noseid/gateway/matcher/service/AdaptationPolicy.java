package io.noseid.gateway.matcher.service;

import io.noseid.gateway.config.NoseIdConfig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalInt;

/**
 * When the gallery has grown enough for the next automatic adaptation: at {@code firstAtDogs} registered dogs while
 * no adaptation has succeeded, then at {@code growthFactor} times the dogs the last successful one learned from,
 * never below {@code firstAtDogs} (a manual adaptation of a handful of dogs does not make every registration start
 * another).
 */
public record AdaptationPolicy(int firstAtDogs, double growthFactor) {

    public AdaptationPolicy {
        if (firstAtDogs < 1 || !(growthFactor > 1.0)) {
            throw new IllegalArgumentException("first-at-dogs must be at least 1 and growth-factor above 1, not "
                    + firstAtDogs + " and " + growthFactor);
        }
    }

    public static AdaptationPolicy of(NoseIdConfig.Adaptation config) {
        return new AdaptationPolicy(config.firstAtDogs(), config.growthFactor());
    }

    /**
     * @param lastAdaptedDogs the dogs of the last successful adaptation, empty when none has succeeded
     * @return the number of registered dogs at which the next adaptation is due
     */
    public long dueAt(OptionalInt lastAdaptedDogs) {
        if (lastAdaptedDogs.isEmpty()) {
            return firstAtDogs;
        }
        // exact decimal arithmetic: 1.1 x 10 dogs is due at 11, not at the 12 that ceil(11.000000000000002) gives
        long grown = BigDecimal.valueOf(growthFactor).multiply(BigDecimal.valueOf(lastAdaptedDogs.getAsInt()))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        return Math.max(firstAtDogs, grown);
    }

    public boolean due(long registeredDogs, OptionalInt lastAdaptedDogs) {
        return registeredDogs >= dueAt(lastAdaptedDogs);
    }
}

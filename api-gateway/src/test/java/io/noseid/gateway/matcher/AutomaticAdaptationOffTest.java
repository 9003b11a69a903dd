package io.noseid.gateway.matcher;

import io.agroal.api.AgroalDataSource;
import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.Rows;
import io.noseid.gateway.support.SimulatedWorker;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code noseid.adaptation.auto=false}: with the test profile's first adaptation due at 1 dog, every registration
 * would start one, and none does.
 */
@QuarkusTest
class AutomaticAdaptationOffTest {

    @Inject
    AgroalDataSource ds;

    @ConfigProperty(name = "noseid.adaptation.auto")
    boolean auto;

    @ConfigProperty(name = "noseid.adaptation.first-at-dogs")
    int firstAtDogs;

    @Test
    void registrationsStartNoAdaptationWhenTheyAreSwitchedOff() throws Exception {
        assertFalse(auto);
        assertEquals(1, firstAtDogs, "due at every registration, were they on");
        long before = Rows.count(ds, "SELECT COUNT(*) FROM job WHERE type = 'ADAPTATION'");
        try (SimulatedWorker worker = new SimulatedWorker()) {
            worker.enrol(Api.uniquePhone(), "Auto Off");
        }
        assertEquals(before, Rows.count(ds, "SELECT COUNT(*) FROM job WHERE type = 'ADAPTATION'"));
    }
}

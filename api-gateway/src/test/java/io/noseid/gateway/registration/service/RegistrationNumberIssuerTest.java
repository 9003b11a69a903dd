package io.noseid.gateway.registration.service;

import io.noseid.gateway.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Uniqueness by the database: the same base number is issued once, then with -2, -3, also across transactions. */
@QuarkusTest
class RegistrationNumberIssuerTest {

    @Inject
    RegistrationNumberIssuer issuer;

    @Test
    void collisionsGetIncreasingSuffixesFromTheDatabase() {
        Instant when = Instant.now();
        String phone = Api.uniquePhone();
        String base = RegistrationNumbers.base(when, ZoneId.of("Asia/Seoul"), "초코", phone);
        assertEquals(base, QuarkusTransaction.requiringNew().call(() -> issuer.issue(when, "초코", phone)));
        assertEquals(base + "-2", QuarkusTransaction.requiringNew().call(() -> issuer.issue(when, "초코", phone)));
        assertEquals(base + "-3", QuarkusTransaction.requiringNew().call(() -> issuer.issue(when, "초코", phone)));
    }

    @Test
    void aRolledBackIssueDoesNotReserve() {
        Instant when = Instant.now();
        String phone = Api.uniquePhone();
        String base = RegistrationNumbers.base(when, ZoneId.of("Asia/Seoul"), "Max", phone);
        QuarkusTransaction.begin();
        assertEquals(base, issuer.issue(when, "Max", phone));
        QuarkusTransaction.rollback();
        assertEquals(base, QuarkusTransaction.requiringNew().call(() -> issuer.issue(when, "Max", phone)));
    }
}

package io.noseid.gateway.error;

import io.agroal.api.AgroalDataSource;
import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.noseid.gateway.error.ErrorResponsesTest.problem;
import static io.noseid.gateway.support.Api.ADMIN;
import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The gateway with an unreachable Redis and a tiny rate limit: SERVICE_UNAVAILABLE leaves nothing stored, reads
 * fall back to MariaDB, and the per-key bucket answers RATE_LIMITED.
 */
@QuarkusTest
@TestProfile(DegradedGatewayTest.Degraded.class)
class DegradedGatewayTest {

    public static class Degraded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.redis.hosts", "redis://127.0.0.1:1",
                    "quarkus.redis.timeout", "2s",
                    "noseid.rate-limit.capacity", "5",
                    "noseid.rate-limit.refill-per-second", "0.01");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void serviceUnavailableStoresNothing() {
        Map<String, Long> before = Rows.counts(ds);
        problem(Api.registration(ADMIN, Api.validFields(Api.uniquePhone(), "초코")).post("/api/v1/registrations")
                .then(), 503, "SERVICE_UNAVAILABLE");
        problem(as(ADMIN).multiPart(Api.nosePng(1)).post("/api/v1/identifications").then(), 503,
                "SERVICE_UNAVAILABLE");
        assertEquals(before, Rows.counts(ds));
    }

    @Test
    void rateLimitedPerKey() {
        for (int i = 0; i < 5; i++) {
            // Redis is down: the read falls back to MariaDB, which does not know the job either
            problem(as(CLIENT).get("/api/v1/jobs/" + UUID.randomUUID()).then(), 404, "JOB_NOT_FOUND");
        }
        Response limited = as(CLIENT).get("/api/v1/jobs/" + UUID.randomUUID());
        problem(limited.then(), 429, "RATE_LIMITED");
        assertNotNull(limited.getHeader("Retry-After"));
        assertEquals(true, Integer.parseInt(limited.getHeader("Retry-After")) >= 1);
    }
}

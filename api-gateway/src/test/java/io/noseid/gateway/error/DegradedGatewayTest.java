package io.noseid.gateway.error;

import io.agroal.api.AgroalDataSource;
import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import io.noseid.gateway.support.TestBroker;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.Outcome;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.noseid.gateway.support.ProblemResponses.problem;
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

    /** A key of its own, so that the other tests' requests do not use up its bucket. */
    static final String LIMITED_KEY = "rate-limited-test-key";

    public static class Degraded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.redis.hosts", "redis://127.0.0.1:1",
                    "quarkus.redis.timeout", "2s",
                    "noseid.rate-limit.key-request-burst", "20",
                    "noseid.api-keys", java.util.HexFormat.of().formatHex(
                            io.noseid.gateway.security.ApiKeyRegistry.sha256(LIMITED_KEY)) + ":client",
                    "noseid.upload.max-request-bytes", "300000",
                    "noseid.rate-limit.key-requests-per-second", "0.01");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void serviceUnavailableStoresNothing() {
        Map<String, Long> before = Rows.counts(ds);
        problem(Api.registration(ADMIN, Api.validFields(Api.uniquePhone(), "초코")).post("/api/v1/registrations")
                .then(), 503, "SERVICE_UNAVAILABLE");
        Response unavailable = as(ADMIN).multiPart(Api.nosePng(1)).post("/api/v1/identifications");
        problem(unavailable.then(), 503, "SERVICE_UNAVAILABLE");
        assertNotNull(unavailable.getHeader("Retry-After"));
        Response adaptation = as(ADMIN).post("/api/v1/admin/matcher/adaptations");
        problem(adaptation.then(), 503, "SERVICE_UNAVAILABLE");
        assertNotNull(adaptation.getHeader("Retry-After"));
        assertEquals(before, Rows.counts(ds));
    }

    @Test
    void requestLargerThanTheUploadLimitGetsProblemNotBare413() throws Exception {
        Map<String, Long> before = Rows.counts(ds);
        // a plain client with a declared Content-Length, as mobile HTTP stacks send multipart uploads
        String boundary = "noseid-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"nose\"; filename=\"n.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] photo = new byte[400_000];
        System.arraycopy(io.noseid.gateway.support.TestImages.png(10, 10, 1), 0, photo, 0, 33);
        body.writeBytes(photo);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                                + "/api/v1/identifications"))
                .header("X-API-Key", ADMIN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<String> response = client.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            io.restassured.path.json.JsonPath problem = new io.restassured.path.json.JsonPath(response.body());
            assertEquals("PHOTO_TOO_LARGE", problem.getString("code"));
            assertEquals(413, problem.getInt("status"));
        }
        assertEquals(before, Rows.counts(ds));
    }

    @Test
    void resultAppliedWhileRedisIsDownIsServedFromMariaDb() throws Exception {
        UUID jobId = UUID.randomUUID();
        try (var c = ds.getConnection(); var ps = c.prepareStatement("INSERT INTO job (id, type, status, progress, "
                + "created_at, updated_at) VALUES (?, 'IDENTIFICATION', 'QUEUED', 0, NOW(3), NOW(3))")) {
            ps.setString(1, jobId.toString());
            ps.executeUpdate();
        }
        JobRequest request = JobRequest.identification(jobId, java.util.List.of(), java.time.Instant.now());
        try (TestBroker broker = new TestBroker()) {
            broker.publishResult(JobResult.success(request, Outcome.NO_MATCH, null, null, java.util.List.of(),
                    java.util.List.of(), "test-worker"));
        }
        // MariaDB is committed first; the Redis mirror fails and the message is requeued until Redis is back
        JsonPath job = Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .until(() -> as(CLIENT).get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath(),
                        j -> "SUCCEEDED".equals(j.getString("status")));
        assertEquals("NO_MATCH", job.getString("result.outcome"));
    }

    @Test
    void readinessIsDownWithoutRedis() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name.contains('Redis') }.status", org.hamcrest.Matchers.is("DOWN"));
    }

    @Test
    void rateLimitedPerKey() {
        Map<String, Long> before = Rows.counts(ds);
        for (int i = 0; i < 20; i++) {
            // Redis is down: the read falls back to MariaDB, which does not know the job either
            problem(as(LIMITED_KEY).get("/api/v1/jobs/" + UUID.randomUUID()).then(), 404, "JOB_NOT_FOUND");
        }
        Response limited = as(LIMITED_KEY).get("/api/v1/jobs/" + UUID.randomUUID());
        problem(limited.then(), 429, "RATE_LIMITED");
        assertNotNull(limited.getHeader("Retry-After"));
        assertEquals(true, Integer.parseInt(limited.getHeader("Retry-After")) >= 1);
        problem(Api.registration(LIMITED_KEY, Api.validFields(Api.uniquePhone(), "초코"))
                .post("/api/v1/registrations").then(), 429, "RATE_LIMITED");
        assertEquals(before, Rows.counts(ds));
    }
}

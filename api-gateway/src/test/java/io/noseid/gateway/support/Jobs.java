package io.noseid.gateway.support;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Submitting jobs and waiting for their end through the public API. */
public final class Jobs {

    private Jobs() {
    }

    public static UUID register(String phone, String dogName) {
        return accepted(Api.registration(CLIENT, Api.validFields(phone, dogName)).post("/api/v1/registrations"),
                "REGISTRATION");
    }

    public static UUID register(Map<String, String> fields) {
        return accepted(Api.registration(CLIENT, fields).post("/api/v1/registrations"), "REGISTRATION");
    }

    public static UUID identify(int photos) {
        var spec = as(CLIENT);
        for (int i = 0; i < photos; i++) {
            spec = spec.multiPart(Api.noseJpeg(i + 10));
        }
        return accepted(spec.post("/api/v1/identifications"), "IDENTIFICATION");
    }

    private static UUID accepted(Response response, String type) {
        response.then().statusCode(202);
        JsonPath body = response.jsonPath();
        UUID jobId = UUID.fromString(body.getString("jobId"));
        assertEquals(type, body.getString("type"));
        assertEquals("QUEUED", body.getString("status"));
        assertEquals("/api/v1/jobs/" + jobId, body.getString("statusUrl"));
        assertEquals("/api/v1/jobs/" + jobId, response.getHeader("Location"));
        return jobId;
    }

    public static JsonPath get(UUID jobId) {
        return as(CLIENT).get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    /** Polls like a client until the job ended. */
    public static JsonPath awaitEnd(UUID jobId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(jobId), j -> Set.of("SUCCEEDED", "FAILED").contains(j.getString("status")));
    }

    public static void assertEnded(UUID jobId, String status) {
        Response response = as(CLIENT).get("/api/v1/jobs/" + jobId);
        assertEquals(status, response.jsonPath().getString("status"));
        assertTrue(response.getHeader("Retry-After") == null, "no Retry-After once the job ended");
    }
}

package io.noseid.gateway.security;

import io.agroal.api.AgroalDataSource;
import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.Rows;
import io.noseid.gateway.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.noseid.gateway.support.RawHttp;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, defect 11: one key pushed 30 registrations of up to 90 MB in 10 s because every request counted as one.
 * Here one address may upload 1.5 MB at once and 1 byte per second after: the second large registration is refused
 * before its body is read, and nothing of it is stored.
 */
@QuarkusTest
@TestProfile(UploadLimitsTest.SmallUploadBudget.class)
class UploadLimitsTest {

    public static class SmallUploadBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "noseid.rate-limit.address-upload-burst-bytes", "1500000",
                    "noseid.rate-limit.address-upload-bytes-per-second", "1");
        }
    }

    @Inject
    AgroalDataSource ds;

    private static final String BOUNDARY = "noseid-upload-limit";

    /** Five noisy 300 x 300 PNGs (about 1.35 MB together) with a declared Content-Length, as mobile apps send. */
    private static RawHttp.Answer largeRegistration() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"nose\"; filename=\"n" + i
                    + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(TestImages.noisyPng(300, 300, i));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> f : Api.validFields(Api.uniquePhone(), "초코").entrySet()) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return RawHttp.send(RestAssured.port, RawHttp.request("POST", "/api/v1/registrations",
                Map.of("X-API-Key", CLIENT, "Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
                body.toByteArray()));
    }

    @Test
    void uploadsAreLimitedByTheirSizePerAddress() throws IOException {
        RawHttp.Answer first = largeRegistration();
        assertEquals(202, first.status(), first.body());
        Map<String, Long> before = Rows.counts(ds);
        RawHttp.Answer refused = largeRegistration();
        assertEquals(429, refused.status(), refused.body());
        assertEquals("RATE_LIMITED", new JsonPath(refused.body()).getString("code"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) > 1000, refused.header("Retry-After"));
        assertEquals(before, Rows.counts(ds));
        // reads cost no upload budget
        as(CLIENT).get("/api/v1/jobs/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }
}

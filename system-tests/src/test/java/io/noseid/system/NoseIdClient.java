package io.noseid.system;

import io.restassured.RestAssured;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mobile app's side of the contract, as the end-to-end tests use it. */
public final class NoseIdClient {

    private final String baseUrl;
    private final String apiKey;

    public NoseIdClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public record Owner(String name, String phone) {
    }

    /** Submits a registration and returns its job id (asserting the 202). */
    public String register(List<byte[]> nosePhotos, Owner owner, String dogName) {
        return accepted(submitRegistration(nosePhotos, owner, dogName), "REGISTRATION");
    }

    /** Submits a registration and returns the answer, whatever it is. */
    public Response submitRegistration(List<byte[]> nosePhotos, Owner owner, String dogName) {
        RequestSpecification request = request().multiPart(text("ownerName", owner.name()))
                .multiPart(text("ownerPhone", owner.phone()))
                .multiPart(text("dogName", dogName))
                .multiPart(text("dogBreed", "Jindo"))
                .multiPart(text("dogSex", "FEMALE"));
        nosePhotos.forEach(photo -> request.multiPart(nosePart(photo)));
        return request.post(baseUrl + "/api/v1/registrations");
    }

    public String identify(List<byte[]> nosePhotos) {
        return accepted(submitIdentification(nosePhotos), "IDENTIFICATION");
    }

    /** Submits an identification and returns the answer, whatever it is. */
    public Response submitIdentification(List<byte[]> nosePhotos) {
        RequestSpecification request = request();
        nosePhotos.forEach(photo -> request.multiPart(nosePart(photo)));
        return request.post(baseUrl + "/api/v1/identifications");
    }

    /** The job as the API shows it now, or empty when the answer is not a 200 (for example during an outage). */
    public java.util.Optional<JsonPath> tryJob(String jobId) {
        try {
            Response response = request().get(baseUrl + "/api/v1/jobs/" + jobId);
            return response.statusCode() == 200 ? java.util.Optional.of(response.jsonPath())
                    : java.util.Optional.empty();
        } catch (RuntimeException e) {
            // connection refused or timed out: a gateway that is down or restarting
            return java.util.Optional.empty();
        }
    }

    public JsonPath job(String jobId) {
        return request().get(baseUrl + "/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the job like the app does until it has ended; returns its last state. */
    public JsonPath awaitEnded(String jobId, Duration atMost) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        await("job " + jobId + " ended").atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonPath job = job(jobId);
            last.set(job);
            String status = job.getString("status");
            return "SUCCEEDED".equals(status) || "FAILED".equals(status);
        });
        return last.get();
    }

    public JsonPath awaitSucceeded(String jobId) {
        JsonPath job = awaitEnded(jobId, Duration.ofMinutes(3));
        assertEquals("SUCCEEDED", job.getString("status"), () -> "job " + jobId + " ended as " + job.prettify());
        return job;
    }

    /** {@code POST /api/v1/admin/matcher/adaptations}: the answer, whatever it is. */
    public Response submitAdaptation() {
        return request().post(baseUrl + "/api/v1/admin/matcher/adaptations");
    }

    /** Starts an adaptation and returns its job id (asserting the 202). */
    public String adapt() {
        return accepted(submitAdaptation(), "ADAPTATION");
    }

    /** {@code GET /api/v1/admin/matcher}. */
    public Response matcher() {
        return request().get(baseUrl + "/api/v1/admin/matcher");
    }

    public Response dog(String registrationNumber) {
        return request().get(baseUrl + "/api/v1/dogs/" + registrationNumber);
    }

    public Response deleteDog(String registrationNumber) {
        return request().delete(baseUrl + "/api/v1/dogs/" + registrationNumber);
    }

    /** Every call is bounded in time: a hung gateway fails the test instead of blocking it. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 10_000)
                    .setParam("http.socket.timeout", 60_000));

    private RequestSpecification request() {
        return RestAssured.given().config(BOUNDED).header("X-API-Key", apiKey);
    }

    /** Form fields as a phone sends them: UTF-8 (names in Hangul). */
    private static io.restassured.specification.MultiPartSpecification text(String name, String value) {
        return new MultiPartSpecBuilder(value).controlName(name).mimeType("text/plain").charset("UTF-8").build();
    }

    private static io.restassured.specification.MultiPartSpecification nosePart(byte[] photo) {
        return new MultiPartSpecBuilder(photo).controlName("nose").fileName("nose.jpg").mimeType("image/jpeg")
                .build();
    }

    private static String accepted(Response response, String type) {
        JsonPath body = response.then().statusCode(202).extract().jsonPath();
        assertEquals(type, body.getString("type"));
        assertEquals("QUEUED", body.getString("status"));
        assertEquals("/api/v1/jobs/" + body.getString("jobId"), response.getHeader("Location"));
        return body.getString("jobId");
    }
}

package io.noseid.gateway.job;

import com.rabbitmq.client.GetResponse;
import io.agroal.api.AgroalDataSource;
import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.Jobs;
import io.noseid.gateway.support.Rows;
import io.noseid.gateway.support.TestBroker;
import io.noseid.shared.Candidate;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.JobType;
import io.noseid.shared.Outcome;
import io.noseid.shared.PhotoAssessment;
import io.noseid.shared.PhotoRef;
import io.noseid.shared.PhotoRejection;
import io.noseid.shared.Queues;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.noseid.gateway.support.Api.ADMIN;
import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole life of jobs with the test playing the worker: it reads the published requests from a tap queue and
 * publishes JobResults on the result queue, then polls the job through the API.
 */
@QuarkusTest
class JobLifecycleTest {

    @Inject
    AgroalDataSource ds;

    private TestBroker broker;
    private String registrationsTap;
    private String identificationsTap;

    @BeforeEach
    void connect() throws Exception {
        broker = new TestBroker();
        registrationsTap = broker.tap(Queues.REGISTRATIONS);
        identificationsTap = broker.tap(Queues.IDENTIFICATIONS);
    }

    @AfterEach
    void close() throws Exception {
        broker.close();
    }

    /** The published request of this job, as the worker would receive it; checks the message properties. */
    private JobRequest published(String tap, UUID jobId) {
        AtomicReference<JobRequest> found = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            GetResponse r;
            while ((r = broker.get(tap)) != null) {
                if (jobId.toString().equals(r.getProps().getMessageId())) {
                    assertEquals(2, r.getProps().getDeliveryMode(), "persistent");
                    assertEquals("application/json", r.getProps().getContentType());
                    assertEquals(jobId.toString(), r.getProps().getCorrelationId());
                    assertEquals(tap.equals(registrationsTap) ? Queues.REGISTRATIONS : Queues.IDENTIFICATIONS,
                            r.getEnvelope().getRoutingKey());
                    assertEquals(Queues.JOBS_EXCHANGE, r.getEnvelope().getExchange());
                    found.set(TestBroker.JSON.readValue(r.getBody(), JobRequest.class));
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    private static List<PhotoAssessment> accepted(JobRequest request) {
        List<PhotoAssessment> photos = new ArrayList<>();
        for (PhotoRef ref : request.photos()) {
            photos.add(PhotoAssessment.accepted(ref.index(), List.of(10, 12, 30, 20), 0.93));
        }
        return photos;
    }

    private long photosOfJob(UUID jobId) {
        return Rows.count(ds, "SELECT COUNT(*) FROM photo WHERE job_id = ? AND dog_id IS NULL", jobId.toString());
    }

    private long photosOfDog(UUID dogId) {
        return Rows.count(ds, "SELECT COUNT(*) FROM photo WHERE dog_id = ?", dogId.toString());
    }

    private long owners(String phone) {
        return Rows.count(ds, "SELECT COUNT(*) FROM owner WHERE phone = ?", phone.replaceAll("[^0-9]", ""));
    }

    private record Enrolled(UUID jobId, UUID dogId, String number) {
    }

    private Enrolled registerAndEnrol(String phone, String dogName) throws Exception {
        UUID job = Jobs.register(phone, dogName);
        JobRequest request = published(registrationsTap, job);
        broker.publishResult(JobResult.success(request, Outcome.REGISTERED, request.dogId(), null, List.of(),
                accepted(request), "test-worker"));
        JsonPath end = Jobs.awaitEnd(job);
        assertEquals("SUCCEEDED", end.getString("status"));
        assertEquals("REGISTERED", end.getString("result.outcome"));
        assertEquals(1.0f, end.getFloat("progress"));
        return new Enrolled(job, request.dogId(), end.getString("result.registrationNumber"));
    }

    @Test
    void registrationIsQueuedWithStoredPhotosAndPlannedDog() {
        String phone = Api.uniquePhone();
        UUID job = Jobs.register(phone, "초코");
        JobRequest request = published(registrationsTap, job);
        assertEquals(JobType.REGISTRATION, request.type());
        assertEquals(JobRequest.CURRENT_VERSION, request.version());
        assertNotNull(request.dogId());
        assertEquals(5, request.photos().size());
        for (int i = 0; i < 5; i++) {
            PhotoRef ref = request.photos().get(i);
            assertEquals(i, ref.index());
            assertEquals(1, Rows.count(ds, "SELECT COUNT(*) FROM photo WHERE id = ? AND content_type = ? "
                    + "AND size_bytes = ? AND LENGTH(data) = ?", ref.photoId(), ref.contentType(), ref.sizeBytes(),
                    ref.sizeBytes()));
        }
        assertEquals(1, Rows.count(ds, "SELECT COUNT(*) FROM job WHERE id = ? AND planned_dog_id = ?",
                job.toString(), request.dogId().toString()));

        var response = as(CLIENT).get("/api/v1/jobs/" + job);
        response.then().statusCode(200).body("status", is("QUEUED")).body("type", is("REGISTRATION"))
                .body("progress", is(0.0f)).body("result", nullValue()).body("error", nullValue());
        assertNotNull(response.getHeader("Retry-After"));
        OffsetDateTime created = OffsetDateTime.parse(response.jsonPath().getString("createdAt"));
        assertTrue(response.jsonPath().getString("createdAt").endsWith("+00:00"));
        assertTrue(created.toInstant().isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void acceptsWebpHangulNamesAtTheLimitAndAProfilePhoto() {
        var fields = new java.util.HashMap<>(Api.validFields(Api.uniquePhone(), "가".repeat(50)));
        fields.put("ownerName", "김".repeat(100));
        var spec = Api.registration(CLIENT, fields)
                .multiPart(Api.photo("profile", io.noseid.gateway.support.TestImages.jpeg(64, 64, 9), "me.jpg",
                        "image/jpeg"));
        spec.post("/api/v1/registrations").then().statusCode(202);

        UUID webp = UUID.fromString(as(CLIENT)
                .multiPart(Api.photo("nose", io.noseid.gateway.support.TestImages.webpVp8(640, 480), "a.webp",
                        "application/octet-stream"))
                .multiPart(Api.photo("nose", io.noseid.gateway.support.TestImages.webpVp8l(800, 600), "b.bin",
                        "image/png"))
                .multiPart(Api.photo("nose", io.noseid.gateway.support.TestImages.webpVp8x(4000, 3000), "c.webp",
                        "image/webp"))
                .post("/api/v1/identifications").then().statusCode(202).extract().jsonPath().getString("jobId"));
        JobRequest request = published(identificationsTap, webp);
        assertEquals(List.of("image/webp", "image/webp", "image/webp"),
                request.photos().stream().map(PhotoRef::contentType).toList(), "type by content, not by name");
        assertEquals(1, Rows.count(ds, "SELECT COUNT(*) FROM photo WHERE job_id = ? AND idx = 2 AND width = 4000 "
                + "AND height = 3000", webp.toString()));
    }

    @Test
    void registeredAlreadyRegisteredMatchAndDuplicateResults() throws Exception {
        String phone = Api.uniquePhone();
        String phone4 = phone.substring(phone.length() - 4);
        Enrolled enrolled = registerAndEnrol(phone, "까미 Max");
        String number = enrolled.number();
        UUID dogId = enrolled.dogId();
        assertTrue(number.matches("\\d{14}ㄲㅁM" + phone4 + "(-\\d+)?"), number);
        // the timestamp is the time of registration in the configured zone (Asia/Seoul by default)
        Instant stamped = java.time.LocalDateTime.parse(number.substring(0, 14),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")).atZone(ZoneId.of("Asia/Seoul"))
                .toInstant();
        assertTrue(Math.abs(Duration.between(stamped, Instant.now()).toSeconds()) < 120, number);
        assertEquals(5, photosOfDog(dogId), "a registered dog keeps its nose photos");

        // duplicate REGISTERED for the same job: ignored (results are applied in order, so the marker job proves
        // the duplicate was processed)
        UUID firstJob = enrolled.jobId();
        JsonPath before = Jobs.get(firstJob);
        JobRequest replay = JobRequest.registration(firstJob, dogId, List.of(), Instant.now());
        broker.publishResult(JobResult.success(replay, Outcome.REGISTERED, dogId, null, List.of(), List.of(),
                "test-worker"));
        UUID marker = Jobs.identify(1);
        JobRequest markerRequest = published(identificationsTap, marker);
        broker.publishResult(JobResult.success(markerRequest, Outcome.NO_MATCH, null, null, List.of(),
                accepted(markerRequest), "test-worker"));
        Jobs.awaitEnd(marker);
        JsonPath after = Jobs.get(firstJob);
        assertEquals(before.getString("updatedAt"), after.getString("updatedAt"));
        assertEquals(number, after.getString("result.registrationNumber"));
        assertEquals(1, Rows.count(ds, "SELECT COUNT(*) FROM dog WHERE owner_id = (SELECT id FROM owner WHERE phone = ?)",
                phone.replaceAll("[^0-9]", "")));

        // the same nose registered again by someone else: ALREADY_REGISTERED with the existing number
        String otherPhone = Api.uniquePhone();
        UUID second = Jobs.register(otherPhone, "초코");
        JobRequest secondRequest = published(registrationsTap, second);
        broker.publishResult(JobResult.success(secondRequest, Outcome.ALREADY_REGISTERED, dogId, 0.97, List.of(),
                accepted(secondRequest), "test-worker"));
        JsonPath secondEnd = Jobs.awaitEnd(second);
        assertEquals("SUCCEEDED", secondEnd.getString("status"));
        assertEquals("ALREADY_REGISTERED", secondEnd.getString("result.outcome"));
        assertEquals(number, secondEnd.getString("result.registrationNumber"));
        assertEquals(0.97f, secondEnd.getFloat("result.score"));
        assertEquals(0, photosOfJob(second), "photos of a registration that did not register are deleted");
        assertEquals(0, owners(otherPhone));
        assertEquals(0, Rows.count(ds, "SELECT COUNT(*) FROM dog WHERE id = ?", secondRequest.dogId().toString()));
        Jobs.assertEnded(second, "SUCCEEDED");

        // identification MATCH: the dog and its owner with a masked phone; unknown candidates dropped
        UUID ident = Jobs.identify(2);
        JobRequest identRequest = published(identificationsTap, ident);
        assertEquals(JobType.IDENTIFICATION, identRequest.type());
        assertNull(identRequest.dogId());
        assertEquals(2, identRequest.photos().size());
        broker.publishResult(JobResult.success(identRequest, Outcome.MATCH, dogId, 0.91,
                List.of(new Candidate(dogId, 0.91), new Candidate(UUID.randomUUID(), 0.4)),
                List.of(PhotoAssessment.accepted(0, List.of(1, 2, 3, 4), 0.9),
                        PhotoAssessment.rejected(1, PhotoRejection.BLURRED, null, null)), "test-worker"));
        JsonPath match = Jobs.awaitEnd(ident);
        assertEquals("MATCH", match.getString("result.outcome"));
        assertEquals(number, match.getString("result.registrationNumber"));
        assertEquals(0.91f, match.getFloat("result.score"));
        assertEquals("까미 Max", match.getString("result.dog.name"));
        assertEquals("진돗개", match.getString("result.dog.breed"));
        assertEquals(2020, match.getInt("result.dog.birthYear"));
        assertEquals("FEMALE", match.getString("result.dog.sex"));
        assertEquals("홍길동", match.getString("result.dog.owner.name"));
        assertEquals("010-****-" + phone4, match.getString("result.dog.owner.phone"));
        assertEquals(1, match.getList("result.candidates").size());
        assertEquals(number, match.getString("result.candidates[0].registrationNumber"));
        assertEquals(PhotoRejection.BLURRED.english(), match.getString("result.photos[1].reason"));
        assertFalse(match.getBoolean("result.photos[1].accepted"));
        assertTrue(match.getMap("result.photos[1]").containsKey("noseBox"), "null members are kept");
        assertEquals(List.of(1, 2, 3, 4), match.getList("result.photos[0].noseBox"));
        assertEquals(0, photosOfJob(ident), "identification photos are deleted when the job ends");
    }

    @Test
    void dogReadMaskedForClientsWholeForAdminsThenDeleted() throws Exception {
        String phone = Api.uniquePhone();
        String digits = phone.replaceAll("[^0-9]", "");
        Enrolled firstDog = registerAndEnrol(phone, "Max Power");
        Enrolled secondDog = registerAndEnrol(phone, "보리");
        String number = firstDog.number();
        String number2 = secondDog.number();
        assertNotEquals(number, number2);
        assertEquals(1, owners(phone), "one owner per phone number, with several dogs");

        as(CLIENT).get("/api/v1/dogs/" + number).then().statusCode(200)
                .body("registrationNumber", is(number))
                .body("name", is("Max Power"))
                .body("sex", is("FEMALE"))
                .body("owner.name", is("홍길동"))
                .body("owner.phone", is("010-****-" + digits.substring(digits.length() - 4)))
                .body("owner.email", is("o***@example.com"));
        as(ADMIN).get("/api/v1/dogs/" + number).then().statusCode(200)
                .body("owner.phone", is(digits))
                .body("owner.email", is("owner@example.com"));

        as(CLIENT).delete("/api/v1/dogs/" + number).then().statusCode(403);
        as(ADMIN).delete("/api/v1/dogs/" + number).then().statusCode(204);
        as(CLIENT).get("/api/v1/dogs/" + number).then().statusCode(404).body("code", is("DOG_NOT_FOUND"));
        assertEquals(0, photosOfDog(firstDog.dogId()));
        assertEquals(1, owners(phone), "the owner stays while another dog remains");
        assertEquals(1, Rows.count(ds, "SELECT COUNT(*) FROM issued_registration_number WHERE number = ?", number),
                "an issued number is kept so it is never reused");

        // the removal travels on the registration queue, ordered with gallery writes
        AtomicReference<JobRequest> removal = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            GetResponse r;
            while ((r = broker.get(registrationsTap)) != null) {
                JobRequest req = TestBroker.JSON.readValue(r.getBody(), JobRequest.class);
                if (req.type() == JobType.REMOVAL && firstDog.dogId().equals(req.dogId())) {
                    assertEquals(2, r.getProps().getDeliveryMode());
                    removal.set(req);
                    return true;
                }
            }
            return false;
        });
        assertTrue(removal.get().photos().isEmpty());

        // the worker has not applied the removal yet and still matches the dog: the gateway answers NO_MATCH
        UUID ident = Jobs.identify(1);
        JobRequest identRequest = published(identificationsTap, ident);
        broker.publishResult(JobResult.success(identRequest, Outcome.MATCH, firstDog.dogId(), 0.95,
                List.of(new Candidate(firstDog.dogId(), 0.95), new Candidate(secondDog.dogId(), 0.2)),
                accepted(identRequest), "test-worker"));
        JsonPath noMatch = Jobs.awaitEnd(ident);
        assertEquals("NO_MATCH", noMatch.getString("result.outcome"));
        assertNull(noMatch.getString("result.registrationNumber"));
        assertNull(noMatch.get("result.dog"));
        assertEquals(List.of(number2), noMatch.getList("result.candidates.registrationNumber"));

        // the last dog goes, and the owner with it; the dog can then be registered again under a new number
        as(ADMIN).delete("/api/v1/dogs/" + number2).then().statusCode(204);
        assertEquals(0, owners(phone));
        String number3 = registerAndEnrol(phone, "Max Power").number();
        assertNotEquals(number, number3);
        assertEquals(1, owners(phone));
    }

    /** Issue 8, defect 10: a Hangul name typed in decomposed form (NFD) got the initials X. */
    @Test
    void aDecomposedHangulNameGetsTheSameInitialsAsTheComposedOne() throws Exception {
        String phone = Api.uniquePhone();
        String decomposed = java.text.Normalizer.normalize("초코", java.text.Normalizer.Form.NFD);
        assertNotEquals("초코", decomposed);
        String number = registerAndEnrol(phone, decomposed).number();
        assertTrue(number.contains("ㅊㅋ"), number);
        as(ADMIN).get("/api/v1/dogs/" + number).then().statusCode(200).body("name", is("초코"));
    }

    /**
     * Issue 8, defects 3 and 4: a gateway that died between its commit and the broker's confirm left the job QUEUED
     * forever. Here the job and its message are stored as such a gateway left them; the relay publishes the message.
     */
    @Test
    void aJobMessageTheBrokerNeverConfirmedIsPublishedByTheRelay() throws Exception {
        UUID jobId = UUID.randomUUID();
        JobRequest request = JobRequest.identification(jobId, List.of(), Instant.now());
        try (var c = ds.getConnection()) {
            try (var job = c.prepareStatement("INSERT INTO job (id, type, status, progress, created_at, updated_at) "
                    + "VALUES (?, 'IDENTIFICATION', 'QUEUED', 0, NOW(3), NOW(3))")) {
                job.setString(1, jobId.toString());
                job.executeUpdate();
            }
            try (var outbox = c.prepareStatement("INSERT INTO outbox (message_id, job_type, payload, attempts, "
                    + "next_attempt_at, created_at) VALUES (?, 'IDENTIFICATION', ?, 0, NOW(3), NOW(3))")) {
                outbox.setString(1, jobId.toString());
                outbox.setString(2, TestBroker.JSON.writeValueAsString(request));
                outbox.executeUpdate();
            }
        }
        assertEquals(jobId, published(identificationsTap, jobId).jobId());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Rows.count(ds,
                "SELECT COUNT(*) FROM outbox WHERE message_id = ?", jobId.toString()) == 0);
    }

    /** A job that got its 202 leaves no message behind once the broker confirmed it. */
    @Test
    void aConfirmedJobMessageLeavesTheOutbox() {
        UUID jobId = Jobs.identify(1);
        published(identificationsTap, jobId);
        assertEquals(0, Rows.count(ds, "SELECT COUNT(*) FROM outbox WHERE message_id = ?", jobId.toString()));
    }

    /** Issue 8, defect 1: anyone can type someone else's phone number; that must not rename its owner. */
    @Test
    void aRegistrationWithAStoredOwnersPhoneNeverChangesThatOwner() throws Exception {
        String phone = Api.uniquePhone();
        String number = registerAndEnrol(phone, "보리").number();
        java.util.Map<String, String> mallory = new java.util.HashMap<>(Api.validFields(phone, "Rex"));
        mallory.put("ownerName", "Mallory");
        mallory.put("ownerEmail", "mallory@example.net");
        UUID job = Jobs.register(mallory);
        JobRequest request = published(registrationsTap, job);
        broker.publishResult(JobResult.success(request, Outcome.REGISTERED, request.dogId(), null, List.of(),
                accepted(request), "test-worker"));
        String malloryNumber = Jobs.awaitEnd(job).getString("result.registrationNumber");

        for (String registered : List.of(number, malloryNumber)) {
            as(ADMIN).get("/api/v1/dogs/" + registered).then().statusCode(200)
                    .body("owner.name", is("홍길동"))
                    .body("owner.email", is("owner@example.com"));
        }
        assertEquals(1, owners(phone));
    }

    @Test
    void rejectedAndFailedResults() throws Exception {
        UUID reg = Jobs.register(Api.uniquePhone(), "Rex");
        JobRequest regRequest = published(registrationsTap, reg);
        List<PhotoAssessment> rejected = new ArrayList<>();
        for (PhotoRef ref : regRequest.photos()) {
            rejected.add(PhotoAssessment.rejected(ref.index(), PhotoRejection.NO_NOSE, null, null));
        }
        broker.publishResult(JobResult.success(regRequest, Outcome.REJECTED, null, null, List.of(), rejected,
                "test-worker"));
        JsonPath end = Jobs.awaitEnd(reg);
        assertEquals("SUCCEEDED", end.getString("status"));
        assertEquals("REJECTED", end.getString("result.outcome"));
        assertEquals(5, end.getList("result.photos").size());
        assertEquals(PhotoRejection.NO_NOSE.english(), end.getString("result.photos[4].reason"));
        assertEquals("NO_NOSE", end.getString("result.photos[4].reasonCode"));
        // the reason in the language the client asks for
        JsonPath korean = as(CLIENT).header("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.8")
                .get("/api/v1/jobs/" + reg).then().statusCode(200).extract().jsonPath();
        assertEquals(PhotoRejection.NO_NOSE.text(java.util.Locale.KOREAN), korean.getString("result.photos[4].reason"));
        assertEquals("NO_NOSE", korean.getString("result.photos[4].reasonCode"));
        JsonPath other = as(CLIENT).header("Accept-Language", "de-DE")
                .get("/api/v1/jobs/" + reg).then().statusCode(200).extract().jsonPath();
        assertEquals(PhotoRejection.NO_NOSE.english(), other.getString("result.photos[4].reason"));
        assertEquals(0, photosOfJob(reg));
        assertEquals(0, Rows.count(ds, "SELECT COUNT(*) FROM photo WHERE job_id = ?", reg.toString()),
                "the profile photo goes too");

        UUID ident = Jobs.identify(1);
        published(identificationsTap, ident);
        broker.publishResult(JobResult.failure(ident, JobType.IDENTIFICATION, "IMAGE_UNREADABLE",
                "The photo could not be decoded", "test-worker"));
        JsonPath failed = Jobs.awaitEnd(ident);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals("IMAGE_UNREADABLE", failed.getString("error.code"));
        assertEquals("The photo could not be decoded", failed.getString("error.detail"));
        assertNull(failed.get("result"));
        assertEquals(0, photosOfJob(ident));

        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("noseid_jobs_submitted_total{type=\"REGISTRATION\"}"), "submitted counter");
        assertTrue(metrics.contains("noseid_jobs_completed_total{outcome=\"REJECTED\",status=\"SUCCEEDED\","
                + "type=\"REGISTRATION\"}"), "completed counter");
    }

    @Test
    void deadLetteredJobFailsWithProcessingFailed() throws Exception {
        UUID reg = Jobs.register(Api.uniquePhone(), "Dead Letter");
        JobRequest request = published(registrationsTap, reg);
        broker.publishDeadLetter(request);
        JsonPath end = Jobs.awaitEnd(reg);
        assertEquals("FAILED", end.getString("status"));
        assertEquals("PROCESSING_FAILED", end.getString("error.code"));
        assertFalse(end.getString("error.detail").isBlank());
        assertEquals(0, Rows.count(ds, "SELECT COUNT(*) FROM photo WHERE job_id = ?", reg.toString()));
        Jobs.assertEnded(reg, "FAILED");

        // a late worker answer after the dead letter changes nothing
        broker.publishResult(JobResult.success(request, Outcome.REGISTERED, request.dogId(), null, List.of(),
                List.of(), "test-worker"));
        UUID marker = Jobs.identify(1);
        JobRequest markerRequest = published(identificationsTap, marker);
        broker.publishResult(JobResult.success(markerRequest, Outcome.NO_MATCH, null, null, List.of(), List.of(),
                "test-worker"));
        Jobs.awaitEnd(marker);
        assertEquals("FAILED", Jobs.get(reg).getString("status"));
        assertEquals(0, Rows.count(ds, "SELECT COUNT(*) FROM dog WHERE id = ?", request.dogId().toString()));
    }

    @Test
    void jobIsReadFromMariaDbWhenRedisLostIt() throws Exception {
        UUID ident = Jobs.identify(1);
        JobRequest request = published(identificationsTap, ident);
        broker.publishResult(JobResult.success(request, Outcome.NO_MATCH, null, null, List.of(), accepted(request),
                "test-worker"));
        JsonPath fromRedis = Jobs.awaitEnd(ident);
        io.quarkus.redis.datasource.RedisDataSource redis =
                io.quarkus.arc.Arc.container().instance(io.quarkus.redis.datasource.RedisDataSource.class).get();
        redis.key().del(io.noseid.shared.JobProgress.redisKey(ident));
        JsonPath fromDb = Jobs.get(ident);
        assertEquals(fromRedis.getString("status"), fromDb.getString("status"));
        assertEquals(fromRedis.getString("createdAt"), fromDb.getString("createdAt"));
        assertEquals(fromRedis.getString("updatedAt"), fromDb.getString("updatedAt"));
        assertEquals(fromRedis.getMap("result"), fromDb.getMap("result"));
    }

    @Test
    void workerProgressIsShownAndALateProgressWriteCannotReopenAFinalJob() throws Exception {
        UUID ident = Jobs.identify(1);
        JobRequest request = published(identificationsTap, ident);
        io.quarkus.redis.datasource.RedisDataSource redis =
                io.quarkus.arc.Arc.container().instance(io.quarkus.redis.datasource.RedisDataSource.class).get();
        String key = io.noseid.shared.JobProgress.redisKey(ident);
        redis.hash(String.class).hset(key, java.util.Map.of("status", "RUNNING", "progress", "0.4",
                "updatedAt", Instant.now().toString(), "worker", "w1"));
        JsonPath running = Jobs.get(ident);
        assertEquals("RUNNING", running.getString("status"));
        assertEquals(0.4f, running.getFloat("progress"));
        assertTrue(running.getString("updatedAt").endsWith("+00:00"));
        assertTrue(redis.key().ttl(key) > 7 * 24 * 3600 - 60, "kept at least 7 days");

        broker.publishResult(JobResult.success(request, Outcome.NO_MATCH, null, null, List.of(), accepted(request),
                "test-worker"));
        Jobs.awaitEnd(ident);
        redis.hash(String.class).hset(key, java.util.Map.of("status", "RUNNING", "progress", "0.9"));
        JsonPath end = Jobs.get(ident);
        assertEquals("SUCCEEDED", end.getString("status"));
        assertEquals(1.0f, end.getFloat("progress"));
    }
}

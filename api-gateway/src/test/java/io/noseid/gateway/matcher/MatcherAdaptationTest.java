package io.noseid.gateway.matcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.service.JobStore;
import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.Jobs;
import io.noseid.gateway.support.Rows;
import io.noseid.gateway.support.SimulatedWorker;
import io.noseid.gateway.support.TestBroker;
import io.noseid.shared.AdaptationSummary;
import io.noseid.shared.JobProgress;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.JobStatus;
import io.noseid.shared.JobType;
import io.noseid.shared.Outcome;
import io.noseid.shared.Queues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.noseid.gateway.support.Api.ADMIN;
import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static io.noseid.gateway.support.ProblemResponses.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/v1/admin/matcher/adaptations}, the adaptation job's life with the test playing the worker, and the
 * automatic adaptation that registrations start. The adaptation slot is global, so this class runs against a
 * database of its own, emptied before each test, with automatic adaptations on at 2 dogs, then at each doubling.
 */
@QuarkusTest
@TestProfile(MatcherAdaptationTest.OwnDatabase.class)
class MatcherAdaptationTest {

    static final String ADAPTATIONS = "/api/v1/admin/matcher/adaptations";

    /** The test database's server, another database on it; automatic adaptations at 2 dogs, then doubling. */
    public static class OwnDatabase implements QuarkusTestProfile {
        static final String DATABASE = "noseid_test_adaptation";

        @Override
        public Map<String, String> getConfigOverrides() {
            String configured = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:mariadb://127.0.0.1:3306/noseid_test?createDatabaseIfNotExist=true");
            String url = configured.replaceFirst("^(jdbc:mariadb://[^/?]+/)[^?]*", "$1" + DATABASE);
            if (!url.contains("createDatabaseIfNotExist")) {
                url += (url.contains("?") ? "&" : "?") + "createDatabaseIfNotExist=true";
            }
            return Map.of("quarkus.datasource.jdbc.url", url,
                    "noseid.adaptation.auto", "true",
                    "noseid.adaptation.first-at-dogs", "2",
                    "noseid.adaptation.growth-factor", "2.0");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Inject
    RedisDataSource redis;

    @Inject
    JobStore store;

    private SimulatedWorker worker;

    @BeforeEach
    void emptyDatabaseAndTapTheQueues() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("photo", "dog", "owner", "outbox", "matcher_adaptation", "job")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
        worker = new SimulatedWorker();
    }

    @AfterEach
    void close() throws Exception {
        worker.close();
    }

    /** Starts an adaptation as an admin and checks the answer is the one every job-creating POST gives. */
    private UUID start() {
        Response response = as(ADMIN).post(ADAPTATIONS);
        response.then().statusCode(202).contentType("application/json");
        JsonPath body = response.jsonPath();
        UUID jobId = UUID.fromString(body.getString("jobId"));
        assertEquals(Set.of("jobId", "type", "status", "statusUrl"), body.getMap("").keySet());
        assertEquals("ADAPTATION", body.getString("type"));
        assertEquals("QUEUED", body.getString("status"));
        assertEquals("/api/v1/jobs/" + jobId, body.getString("statusUrl"));
        assertEquals("/api/v1/jobs/" + jobId, response.getHeader("Location"));
        assertNull(response.getHeader("Retry-After"), "the registration and identification POSTs send none either");
        return jobId;
    }

    private long count(String sql, Object... params) {
        return Rows.count(ds, sql, params);
    }

    private List<UUID> adaptationJobs() throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM job WHERE type = 'ADAPTATION' ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(UUID.fromString(rs.getString(1)));
            }
        }
        return ids;
    }

    /** Every table's rows and the Redis job records: what a refused request must leave as it was. */
    private record Stored(Map<String, Long> rows, Set<String> redisJobs) {

        /** The rows are as they were, and no Redis job record appeared (older ones may expire meanwhile). */
        void assertUnchangedSince(Stored before) {
            assertEquals(before.rows(), rows(), "a refused adaptation stores nothing in MariaDB");
            Set<String> added = new HashSet<>(redisJobs());
            added.removeAll(before.redisJobs());
            assertEquals(Set.of(), added, "a refused adaptation leaves no job record in Redis");
        }
    }

    private Stored stored() {
        Map<String, Long> rows = new LinkedHashMap<>(Rows.counts(ds));
        rows.put("matcher_adaptation", count("SELECT COUNT(*) FROM matcher_adaptation"));
        return new Stored(rows, new HashSet<>(redis.key().keys(JobProgress.KEY_PREFIX + "*")));
    }

    private void awaitOutboxEmpty() {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT COUNT(*) FROM outbox") == 0);
    }

    private static String phone() {
        return Api.uniquePhone();
    }

    @Test
    void anAdminStartsAnAdaptationJobPublishedOnTheAdaptationQueue() {
        UUID jobId = start();

        Response poll = as(ADMIN).get("/api/v1/jobs/" + jobId);
        poll.then().statusCode(200).body("jobId", is(jobId.toString())).body("type", is("ADAPTATION"))
                .body("status", is("QUEUED")).body("progress", is(0.0f)).body("result", nullValue())
                .body("error", nullValue());
        assertNotNull(poll.getHeader("Retry-After"));

        JobRequest request = worker.received(Queues.ADAPTATIONS, jobId);
        assertEquals(JobType.ADAPTATION, request.type());
        assertEquals(JobRequest.CURRENT_VERSION, request.version());
        assertEquals(List.of(), request.photos());
        assertNull(request.dogId());
        assertNotNull(request.submittedAt());
        assertEquals(1, count("SELECT COUNT(*) FROM job WHERE id = ? AND type = 'ADAPTATION' AND status = 'QUEUED' "
                + "AND exclusive_slot = 'ADAPTATION' AND request_json IS NULL", jobId.toString()));
        // the message was stored with the job and left the outbox on the broker's confirm, published once
        awaitOutboxEmpty();
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> worker.count(Queues.ADAPTATIONS, jobId) == 1);
        assertEquals(0, worker.count(Queues.REGISTRATIONS, jobId), "adaptations have a queue of their own");

        // MariaDB answers the same when Redis lost the job
        JsonPath fromRedis = Jobs.get(jobId);
        redis.key().del(JobProgress.redisKey(jobId));
        JsonPath fromDb = Jobs.get(jobId);
        for (String field : List.of("type", "status", "progress", "createdAt", "updatedAt")) {
            assertEquals(fromRedis.getString(field), fromDb.getString(field), field);
        }
    }

    @Test
    void aSecondAdaptationWhileOneIsQueuedOrRunningIsRefusedAndStoresNothing() {
        UUID first = start();
        awaitOutboxEmpty();
        Stored before = stored();
        problem(as(ADMIN).post(ADAPTATIONS).then(), 409, "ADAPTATION_RUNNING")
                .body("detail", containsString(first.toString()));

        // the worker took it and reports progress: still one at a time, and its progress shows
        redis.hash(String.class).hset(JobProgress.redisKey(first), Map.of("status", "RUNNING", "progress", "0.4",
                "updatedAt", Instant.now().toString(), "worker", "w1"));
        JsonPath running = Jobs.get(first);
        assertEquals("RUNNING", running.getString("status"));
        assertEquals(0.4f, running.getFloat("progress"));
        problem(as(ADMIN).post(ADAPTATIONS).then(), 409, "ADAPTATION_RUNNING");

        stored().assertUnchangedSince(before);
        assertEquals(List.of(first), worker.jobIds(Queues.ADAPTATIONS), "nothing else was published");
    }

    @Test
    void ofConcurrentRequestsExactlyOneStartsAnAdaptation() throws Exception {
        int requests = 6;
        Stored before = stored();
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                pending.add(pool.submit(() -> {
                    go.await();
                    return as(ADMIN).post(ADAPTATIONS);
                }));
            }
            go.countDown();
            for (Future<Response> answer : pending) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Response> accepted = answers.stream().filter(r -> r.statusCode() == 202).toList();
        assertEquals(1, accepted.size(), "statuses " + answers.stream().map(Response::statusCode).toList());
        for (Response refused : answers.stream().filter(r -> r.statusCode() != 202).toList()) {
            problem(refused.then(), 409, "ADAPTATION_RUNNING");
        }
        UUID jobId = UUID.fromString(accepted.getFirst().jsonPath().getString("jobId"));
        assertEquals(List.of(jobId), adaptationJobs());
        worker.received(Queues.ADAPTATIONS, jobId);
        awaitOutboxEmpty();
        assertEquals(List.of(jobId), worker.jobIds(Queues.ADAPTATIONS));
        Set<String> added = new HashSet<>(stored().redisJobs());
        added.removeAll(before.redisJobs());
        assertEquals(Set.of(JobProgress.redisKey(jobId)), added, "the refused requests' Redis records were taken back");
    }

    /**
     * The submitter checks the slot before it stores, but two replicas may both pass that check at once: the
     * database decides then, and a taken slot neither stores anything nor dooms the caller's transaction.
     */
    @Test
    void theDatabaseRefusesASecondHolderOfTheSlot() throws Exception {
        UUID first = start();
        awaitOutboxEmpty();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JobEntity second = new JobEntity();
        second.id = UUID.randomUUID().toString();
        second.type = JobKind.ADAPTATION;
        second.status = JobStatus.QUEUED;
        second.createdAt = now;
        second.updatedAt = now;
        boolean stored = QuarkusTransaction.requiringNew().call(() -> {
            boolean created = store.createExclusive(second, JobRequest.adaptation(UUID.fromString(second.id), now));
            assertTrue(store.exclusiveSlotTaken(JobKind.ADAPTATION), "the transaction goes on");
            return created;
        });
        assertFalse(stored);
        assertEquals(0, count("SELECT COUNT(*) FROM job WHERE id = ?", second.id));
        assertEquals(0, count("SELECT COUNT(*) FROM outbox WHERE message_id = ?", second.id));
        assertEquals(List.of(first), adaptationJobs());

        // and the schema itself refuses a second holder, however it is written
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO job "
                + "(id, type, status, progress, exclusive_slot) VALUES (?, 'ADAPTATION', 'QUEUED', 0, 'ADAPTATION')")) {
            ps.setString(1, UUID.randomUUID().toString());
            assertThrows(SQLIntegrityConstraintViolationException.class, ps::executeUpdate);
        }
    }

    @Test
    void aClientKeyMayNotStartOne() {
        Stored before = stored();
        problem(as(CLIENT).post(ADAPTATIONS).then(), 403, "FORBIDDEN");
        stored().assertUnchangedSince(before);
    }

    @Test
    void theWorkersAnswerCompletesItWithTheContractsResultAndFreesTheSlot() throws Exception {
        UUID jobId = start();
        JobRequest request = worker.received(Queues.ADAPTATIONS, jobId);
        worker.answer(JobResult.adapted(request, new AdaptationSummary("gallery-20261202-1", 300, 1500, 0.5, 0.01),
                "test-worker"));
        assertEquals("SUCCEEDED", Jobs.awaitEnd(jobId).getString("status"));

        JsonNode job = TestBroker.JSON.readTree(as(ADMIN).get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .extract().asString());
        assertEquals(TestBroker.JSON.readTree("""
                { "outcome": "ADAPTED", "matcherVersion": "gallery-20261202-1", "dogs": 300, "photos": 1500,
                  "threshold": 0.5, "estimatedFar": 0.01 }"""), job.get("result"));
        assertEquals("ADAPTATION", job.get("type").asText());
        assertEquals(1.0, job.get("progress").asDouble());
        assertNull(job.get("error"));
        Jobs.assertEnded(jobId, "SUCCEEDED");
        assertEquals(1, count("SELECT COUNT(*) FROM job WHERE id = ? AND exclusive_slot IS NULL", jobId.toString()));
        assertEquals(1, count("SELECT COUNT(*) FROM matcher_adaptation WHERE job_id = ? AND matcher_version = ? "
                + "AND dogs = 300 AND photos = 1500 AND threshold = 0.5 AND estimated_far = 0.01",
                jobId.toString(), "gallery-20261202-1"));

        // the same from MariaDB when Redis lost it
        redis.key().del(JobProgress.redisKey(jobId));
        JsonNode fromDb = TestBroker.JSON.readTree(as(ADMIN).get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .extract().asString());
        assertEquals(job.get("result"), fromDb.get("result"));

        // a duplicate answer changes nothing; the next adaptation may start (results are applied in order: once
        // the next one ended, the duplicate before it was applied)
        worker.answer(JobResult.adapted(request, new AdaptationSummary("other", 1, 1, 0.4, 0.02), "test-worker"));
        UUID next = start();
        assertNotEquals(jobId, next);
        worker.answer(JobResult.failure(next, JobType.ADAPTATION, "ADAPTATION_FAILED", "test", "test-worker"));
        Jobs.awaitEnd(next);
        assertEquals(1, count("SELECT COUNT(*) FROM matcher_adaptation"));
        assertEquals(job.get("result"), TestBroker.JSON.readTree(as(ADMIN).get("/api/v1/jobs/" + jobId)
                .then().statusCode(200).extract().asString()).get("result"));
    }

    @Test
    void failedAdaptationsFreeTheSlotToo() {
        // the worker answers an error
        UUID failed = start();
        worker.received(Queues.ADAPTATIONS, failed);
        worker.answer(JobResult.failure(failed, JobType.ADAPTATION, "ADAPTATION_FAILED",
                "Too few enrolled photos to learn from", "test-worker"));
        JsonPath end = Jobs.awaitEnd(failed);
        assertEquals("FAILED", end.getString("status"));
        assertEquals("ADAPTATION_FAILED", end.getString("error.code"));
        assertNull(end.get("result"));
        Jobs.assertEnded(failed, "FAILED");

        // dead-lettered after too many deliveries
        UUID dead = start();
        worker.deadLetter(worker.received(Queues.ADAPTATIONS, dead));
        end = Jobs.awaitEnd(dead);
        assertEquals("PROCESSING_FAILED", end.getString("error.code"));
        assertTrue(end.getString("error.detail").contains("adaptation"), end.getString("error.detail"));

        // answers that do not fit an adaptation
        UUID unfit = start();
        JobRequest unfitRequest = worker.received(Queues.ADAPTATIONS, unfit);
        worker.answer(JobResult.success(unfitRequest, Outcome.MATCH, null, 0.9, List.of(), List.of(),
                "test-worker"));
        assertEquals("INVALID_RESULT", Jobs.awaitEnd(unfit).getString("error.code"));
        UUID empty = start();
        worker.answer(JobResult.adapted(worker.received(Queues.ADAPTATIONS, empty), null, "test-worker"));
        assertEquals("INVALID_RESULT", Jobs.awaitEnd(empty).getString("error.code"));

        UUID next = start();
        assertEquals(1, count("SELECT COUNT(*) FROM job WHERE exclusive_slot IS NOT NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM job WHERE id = ? AND exclusive_slot = 'ADAPTATION'",
                next.toString()));
        assertEquals(0, count("SELECT COUNT(*) FROM matcher_adaptation"), "none succeeded");
    }

    @Test
    void registrationsStartAnAdaptationAtTheThresholdAndNotBelow() throws Exception {
        worker.enrol(phone(), "Dog One");
        assertEquals(List.of(), adaptationJobs(), "1 dog: the first adaptation is due at 2");

        worker.enrol(phone(), "Dog Two");
        List<UUID> started = adaptationJobs();
        assertEquals(1, started.size(), "2 dogs: due");
        UUID auto = started.getFirst();
        Response poll = as(ADMIN).get("/api/v1/jobs/" + auto);
        poll.then().statusCode(200).body("type", is("ADAPTATION")).body("status", is("QUEUED"));
        assertEquals("ADAPTATION", redis.hash(String.class).hget(JobProgress.redisKey(auto), "type"),
                "followed in Redis like any job");
        JobRequest request = worker.received(Queues.ADAPTATIONS, auto);
        awaitOutboxEmpty();

        // while it is queued, registrations start none and the endpoint refuses
        worker.enrol(phone(), "Dog Three");
        assertEquals(List.of(auto), adaptationJobs());
        problem(as(ADMIN).post(ADAPTATIONS).then(), 409, "ADAPTATION_RUNNING");

        // it learned from 3 dogs: the next one is due at 6
        worker.answer(JobResult.adapted(request, new AdaptationSummary("auto-1", 3, 15, 0.5, 0.01),
                "test-worker"));
        assertEquals("SUCCEEDED", Jobs.awaitEnd(auto).getString("status"));
        worker.enrol(phone(), "Dog Four");
        worker.enrol(phone(), "Dog Five");
        assertEquals(List.of(auto), adaptationJobs(), "5 dogs: not grown by 2.0 over 3 yet");
        worker.enrol(phone(), "Dog Six");
        List<UUID> both = adaptationJobs();
        assertEquals(2, both.size(), "6 dogs: due");
        UUID second = both.get(1);
        assertEquals("QUEUED", Jobs.get(second).getString("status"));
        assertEquals(JobType.ADAPTATION, worker.received(Queues.ADAPTATIONS, second).type());
    }
}

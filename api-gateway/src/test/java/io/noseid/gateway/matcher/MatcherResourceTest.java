package io.noseid.gateway.matcher;

import io.noseid.shared.MatcherStatus;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.noseid.gateway.support.Api.ADMIN;
import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static io.noseid.gateway.support.ProblemResponses.problem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** {@code GET /api/v1/admin/matcher} answers from the reports the workers keep in Redis (written here as they do). */
@QuarkusTest
class MatcherResourceTest {

    @Inject
    RedisDataSource redis;

    private final String version = "test-vocabulary-" + UUID.randomUUID();
    private final List<String> workers = List.of("test-a-" + UUID.randomUUID(), "test-b-" + UUID.randomUUID(),
            "test-c-" + UUID.randomUUID());

    private void report(String worker, int dogs) {
        MatcherStatus status = new MatcherStatus(worker, version, null, dogs, 0.01, null,
                OffsetDateTime.now().toString());
        redis.hash(String.class).hset(MatcherStatus.redisKey(worker), status.toHash());
        redis.key().pexpire(MatcherStatus.redisKey(worker), 60_000);
    }

    @AfterEach
    void withdrawReports() {
        workers.forEach(w -> redis.key().del(MatcherStatus.redisKey(w)));
    }

    @Test
    void anAdminSeesTheMatcherTheWorkersServe() {
        report(workers.get(0), 41);
        report(workers.get(1), 42);
        report(workers.get(2), 42);
        as(ADMIN).get("/api/v1/admin/matcher").then().statusCode(200)
                .body("matcherVersion", is(version))
                .body("dogs", is(42))
                .body("targetFar", is(0.01f))
                .body("adaptedAt", nullValue())
                .body("estimatedFar", nullValue());
    }

    @Test
    void aClientKeyMayNotReadIt() {
        problem(as(CLIENT).get("/api/v1/admin/matcher").then(), 403, "FORBIDDEN");
    }
}

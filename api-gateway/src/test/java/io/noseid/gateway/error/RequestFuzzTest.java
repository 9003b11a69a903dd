package io.noseid.gateway.error;

import io.agroal.api.AgroalDataSource;
import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.RawHttp;
import io.noseid.gateway.support.RequestMutator;
import io.noseid.gateway.support.Rows;
import io.noseid.shared.JobProgress;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8's fuzz test: 600 requests mutated from valid registrations, identifications and reads (see
 * {@link RequestMutator}). Every answer is below 500; every error is problem+json with a contract code and the
 * status that code has; a refused request leaves every table and the Redis job keys as they were. Only a request
 * whose body never completes may go unanswered, and a head that is not HTTP (control bytes in a header, a header
 * block over the HTTP layer's limit) gets the HTTP layer's own 4xx. The seed is fixed and
 * printed; {@code -Dfuzz.seed=N} runs other requests (seeds 1-10 passed when it was written).
 */
@QuarkusTest
@TestProfile(RequestFuzzTest.ManyRequestsFromOneAddress.class)
class RequestFuzzTest {

    static final int REQUESTS = 600;

    /** All the fuzz requests come from 127.0.0.1: the address limits would answer most of them 429. */
    public static class ManyRequestsFromOneAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("noseid.rate-limit.address-request-burst", "100000",
                    "noseid.rate-limit.address-upload-burst-bytes", "100000000000",
                    "noseid.rate-limit.key-request-burst", "100000",
                    "noseid.rate-limit.key-upload-burst-bytes", "100000000000");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Inject
    RedisDataSource redis;

    private static final Set<String> CONTRACT_CODES = Arrays.stream(ErrorCode.values())
            .filter(c -> c != ErrorCode.INTERNAL_ERROR).map(Enum::name).collect(Collectors.toSet());

    @Test
    void mutatedRequestsAreAnsweredWithContractProblemsAndRefusedOnesStoreNothing() throws IOException {
        // a fixed seed, so that CI runs the same requests each time; -Dfuzz.seed explores others
        long seed = Long.getLong("fuzz.seed", 20261202L);
        System.out.println("RequestFuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        RequestMutator mutator = new RequestMutator(seed, Api.CLIENT, Api.ADMIN);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int unanswered = 0;
        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            RequestMutator.Mutated request = mutator.next();
            Map<String, Long> before = stored();
            RawHttp.Answer answer = request.unfinished()
                    ? RawHttp.sendUnfinished(RestAssured.port, request.bytes())
                    : RawHttp.send(RestAssured.port, request.bytes());
            String where = "request " + i + " of seed " + seed + " [" + request.describe() + "]: ";
            if (answer == null) {
                unanswered++;
                if (!request.unfinished() && !request.notHttp()) {
                    failures.add(where + "no answer");
                }
            } else {
                statuses.merge(answer.status(), 1, Integer::sum);
                String problem = request.notHttp() ? httpLayerFault(answer) : problemFault(answer);
                if (problem != null) {
                    failures.add(where + problem);
                }
            }
            if (answer == null || answer.status() >= 400) {
                Map<String, Long> after = stored();
                if (!before.equals(after)) {
                    failures.add(where + "refused, yet stored something: " + before + " -> " + after);
                }
            } else {
                // an accepted job's outbox row leaves once the broker confirms: wait, so that the next refused
                // request's counts are not disturbed by it
                long outboxBefore = before.get("outbox");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> Rows.count(ds, "SELECT COUNT(*) FROM outbox") <= outboxBefore);
            }
        }
        System.out.println("RequestFuzzTest answers by status " + statuses + ", unanswered unfinished " + unanswered);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 400) && statuses.containsKey(202),
                "the mutations should give both refused and accepted requests: " + statuses);
    }

    /**
     * A head the HTTP decoder refuses never reaches a route: Vert.x answers it itself (400, 414 or 431 with an empty
     * body) and closes the connection. Quarkus offers no hook for that answer; what is asserted is that it is a 4xx.
     */
    private static String httpLayerFault(RawHttp.Answer answer) {
        if (Set.of(400, 414, 431).contains(answer.status())) {
            return null;
        }
        return problemFault(answer);
    }

    /** What is wrong with an answer, or null when it keeps the contract. */
    private static String problemFault(RawHttp.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return "answered " + status + ": " + answer.body();
        }
        if (status < 400) {
            return null;
        }
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return status + " without problem+json (Content-Type " + type + "): " + answer.body();
        }
        JsonPath body;
        try {
            body = new JsonPath(answer.body());
        } catch (RuntimeException e) {
            return status + " with a body that is not JSON: " + answer.body();
        }
        String code = body.getString("code");
        if (!CONTRACT_CODES.contains(code)) {
            return status + " with code " + code + ", not a contract code";
        }
        if (ErrorCode.valueOf(code).status() != status || body.getInt("status") != status) {
            return status + " with code " + code + " whose status is " + ErrorCode.valueOf(code).status();
        }
        return null;
    }

    private Map<String, Long> stored() {
        Map<String, Long> counts = Rows.counts(ds);
        counts.put("redis job keys", (long) redis.key().keys(JobProgress.KEY_PREFIX + "*").size());
        return counts;
    }
}

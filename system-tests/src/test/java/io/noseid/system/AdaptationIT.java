package io.noseid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Matcher adaptation through the REST API with two workers (issue 11): dogs registered, an adaptation started by an
 * admin, identification and registration while it runs, both workers on the new version with the same answers, and a
 * worker restarted afterwards back on the new version. Synthetic nose crops, detector off (see ServiceFlowIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdaptationIT {

    private static final int DOGS = 8;

    private NoseIdStack stack;
    private NoseIdClient client;
    private NoseIdClient admin;
    private final SyntheticNoses noses = new SyntheticNoses(20261202L);

    @BeforeAll
    void startStack() {
        stack = NoseIdStack.start(2, Map.of(
                "NOSEID_WORKER_DETECTOR_ENABLED", "false",
                "NOSEID_WORKER_STATUS_INTERVAL", "1s",
                "NOSEID_WORKER_GALLERY_CATCH_UP_INTERVAL", "1s",
                "NOSEID_WORKER_MATCHER_ADAPTATION_MIN_DOGS", "6",
                "NOSEID_WORKER_MATCHER_ADAPTATION_SWITCH_TIMEOUT_SECONDS", "60"));
        client = new NoseIdClient(stack.baseUrl(), NoseIdStack.CLIENT_KEY);
        admin = new NoseIdClient(stack.baseUrl(), NoseIdStack.ADMIN_KEY);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private String registerDog(int dog) {
        JsonPath job = client.awaitSucceeded(client.register(noses.photos(dog, 0, 5),
                new NoseIdClient.Owner("Owner " + dog, String.format("010-1000-%04d", dog)), "Dog " + dog));
        assertEquals("REGISTERED", job.getString("result.outcome"), job::prettify);
        return job.getString("result.registrationNumber");
    }

    private JsonPath identifyDog(int dog) {
        return client.awaitSucceeded(client.identify(noses.photos(dog, 5, 1)));
    }

    @Test
    void adaptRegisterAndIdentifyDuringAndAfterBothWorkersSwitchARestartedWorkerComesBackOnTheNewVersion() {
        List<String> numbers = new ArrayList<>();
        for (int dog = 0; dog < DOGS; dog++) {
            numbers.add(registerDog(dog));
        }
        String shipped = stack.text("SELECT version FROM matcher_version WHERE state = 'ACTIVE'");
        assertEquals(numbers.get(2), identifyDog(2).getString("result.registrationNumber"));

        String adaptation = admin.adapt();
        client.submitAdaptation().then().statusCode(403);
        admin.submitAdaptation().then().statusCode(409).body("code", org.hamcrest.Matchers.equalTo("ADAPTATION_RUNNING"));
        // While it runs: a registration and an identification on the version served until the switch.
        String duringRegistration = client.register(noses.photos(DOGS, 0, 5),
                new NoseIdClient.Owner("Owner late", "010-2000-0008"), "Late");
        JsonPath duringIdentification = identifyDog(3);
        assertEquals("MATCH", duringIdentification.getString("result.outcome"), duringIdentification::prettify);
        assertEquals(numbers.get(3), duringIdentification.getString("result.registrationNumber"));
        String lateNumber = client.awaitSucceeded(duringRegistration).getString("result.registrationNumber");

        JsonPath adapted = admin.awaitEnded(adaptation, Duration.ofMinutes(4));
        assertEquals("SUCCEEDED", adapted.getString("status"), adapted::prettify);
        assertEquals("ADAPTATION", adapted.getString("type"));
        assertEquals("ADAPTED", adapted.getString("result.outcome"), adapted::prettify);
        String version = adapted.getString("result.matcherVersion");
        assertNotEquals(shipped, version);
        assertTrue(adapted.getInt("result.dogs") >= DOGS, adapted::prettify);
        assertEquals(adapted.getInt("result.dogs") * 5, adapted.getInt("result.photos"), adapted::prettify);
        assertEquals(0.5f, adapted.getFloat("result.threshold"), 1e-6);
        assertTrue(adapted.getFloat("result.estimatedFar") <= 0.01f, adapted::prettify);
        assertEquals(1.0f, adapted.getFloat("progress"), 1e-6);
        assertEquals(version, stack.text("SELECT version FROM matcher_version WHERE state = 'ACTIVE'"));

        // Both workers switch, and the status says what they serve.
        for (NoseIdStack.ServiceProcess worker : stack.workers()) {
            await(worker.name() + " switched").atMost(Duration.ofSeconds(60)).until(
                    () -> worker.log().contains("Matcher version switched from " + shipped + " to " + version));
        }
        JsonPath status = await().atMost(Duration.ofSeconds(30)).until(
                () -> admin.matcher().then().statusCode(200).extract().jsonPath(),
                s -> version.equals(s.getString("matcherVersion")) && s.getInt("dogs") == DOGS + 1);
        assertTrue(status.getString("adaptedAt") != null, status::prettify);
        assertTrue(status.getFloat("estimatedFar") <= 0.01f, status::prettify);

        // The same answers from both workers on the new version, for an enrolled dog and the one registered meanwhile.
        List<JsonPath> answers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.identify(noses.photos(2, 5, 1))))
                .map(CompletableFuture::join).map(client::awaitSucceeded).toList();
        Set<String> distinct = answers.stream().map(a -> a.getString("result.outcome") + " "
                + a.getString("result.registrationNumber") + " " + a.getString("result.score"))
                .collect(Collectors.toSet());
        assertEquals(1, distinct.size(), distinct::toString);
        assertTrue(distinct.iterator().next().startsWith("MATCH " + numbers.get(2)), distinct::toString);
        JsonPath late = client.awaitSucceeded(client.identify(noses.photos(DOGS, 5, 1)));
        assertEquals(lateNumber, late.getString("result.registrationNumber"), late::prettify);
        JsonPath stranger = client.awaitSucceeded(client.identify(noses.photos(DOGS + 5, 0, 1)));
        assertEquals("NO_MATCH", stranger.getString("result.outcome"), stranger::prettify);

        // A worker restarted after the adaptation loads the active version.
        stack.killWorker(stack.workers().getFirst());
        NoseIdStack.ServiceProcess restarted = stack.startWorker();
        assertTrue(restarted.log().contains("matcher version " + version), restarted::log);
        assertEquals(numbers.get(4), identifyDog(4).getString("result.registrationNumber"));
    }
}

package io.noseid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product end to end: the packaged gateway and two workers over the real RabbitMQ, Redis and MariaDB, with the
 * real matcher. The photos are synthetic nose crops, which the nose detector (trained on real dogs) is not meant to
 * find, so the workers run with the detector off and take each photo as a nose crop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceFlowIT {

    private static final Map<String, String> NOSE_CROPS = Map.of("NOSEID_WORKER_DETECTOR_ENABLED", "false");

    private NoseIdStack stack;
    private NoseIdClient client;
    private NoseIdClient admin;
    private final SyntheticNoses noses = new SyntheticNoses(20261129L);

    @BeforeAll
    void startStack() {
        Map<String, String> env = new java.util.HashMap<>(NOSE_CROPS);
        env.put("NOSEID_WORKER_STATUS_INTERVAL", "1s");
        stack = NoseIdStack.start(2, env);
        client = new NoseIdClient(stack.baseUrl(), NoseIdStack.CLIENT_KEY);
        admin = new NoseIdClient(stack.baseUrl(), NoseIdStack.ADMIN_KEY);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void registerIdentifyRegisterAgainAndIdentifyAStranger() throws Exception {
        List<byte[]> choco = noses.photos(1, 0, 11);
        NoseIdClient.Owner owner = new NoseIdClient.Owner("Kim Minji", "010-1234-5678");

        JsonPath registered = client.awaitSucceeded(client.register(choco.subList(0, 5), owner, "초코"));
        assertEquals("REGISTERED", registered.getString("result.outcome"), registered::prettify);
        String number = registered.getString("result.registrationNumber");
        assertTrue(number.matches("\\d{14}ㅊㅋ5678"), number);
        assertEquals(5, registered.getList("result.photos").size());
        assertEquals(1, count("SELECT COUNT(*) FROM dog WHERE registration_number = ?", number));

        JsonPath identified = client.awaitSucceeded(client.identify(choco.subList(5, 6)));
        assertEquals("MATCH", identified.getString("result.outcome"), identified::prettify);
        assertEquals(number, identified.getString("result.registrationNumber"));
        float score = identified.getFloat("result.score");
        assertTrue(score > 0 && score <= 1, "score " + score);
        assertEquals("초코", identified.getString("result.dog.name"));
        assertEquals("010-****-5678", identified.getString("result.dog.owner.phone"));

        NoseIdClient.Owner someoneElse = new NoseIdClient.Owner("Lee Jiho", "010-9999-0000");
        JsonPath again = client.awaitSucceeded(client.register(choco.subList(6, 11), someoneElse, "코코"));
        assertEquals("ALREADY_REGISTERED", again.getString("result.outcome"), again::prettify);
        assertEquals(number, again.getString("result.registrationNumber"));
        assertEquals(1, count("SELECT COUNT(*) FROM dog WHERE name IN ('초코', '코코')"));

        JsonPath stranger = client.awaitSucceeded(client.identify(noses.photos(2, 0, 1)));
        assertEquals("NO_MATCH", stranger.getString("result.outcome"), stranger::prettify);
        assertNull(stranger.getString("result.registrationNumber"));
    }

    @Test
    void theMatcherStatusIsWhatTheWorkersServe() throws Exception {
        JsonPath registered = client.awaitSucceeded(client.register(noses.photos(6, 0, 5),
                new NoseIdClient.Owner("Choi Yuna", "010-4444-5555"), "Kong"));
        assertEquals("REGISTERED", registered.getString("result.outcome"), registered::prettify);
        String storedVersion = stack.text("SELECT vocabulary_version FROM gallery_dog LIMIT 1");
        // the workers report every NOSEID_WORKER_STATUS_INTERVAL (1 s here): their index has the new dog soon
        JsonPath status = await().atMost(Duration.ofSeconds(30)).until(
                () -> admin.matcher().then().statusCode(200).extract().jsonPath(),
                s -> s.getInt("dogs") >= stack.count("SELECT COUNT(*) FROM gallery_dog"));
        assertEquals(storedVersion, status.getString("matcherVersion"), status::prettify);
        assertEquals(0.01f, status.getFloat("targetFar"), 1e-6);
        assertNull(status.get("adaptedAt"), "the shipped matcher was never adapted");
        client.matcher().then().statusCode(403);
    }

    @Test
    void theSameDogSubmittedTwiceAtOnceIsRegisteredOnce() throws Exception {
        List<byte[]> bori = noses.photos(3, 0, 10);
        NoseIdClient.Owner owner = new NoseIdClient.Owner("Park Seojun", "010-2222-3333");
        String first = client.register(bori.subList(0, 5), owner, "Bori");
        String second = client.register(bori.subList(5, 10), owner, "Bori");

        JsonPath firstJob = client.awaitSucceeded(first);
        JsonPath secondJob = client.awaitSucceeded(second);
        Set<String> outcomes = Set.of(firstJob.getString("result.outcome"), secondJob.getString("result.outcome"));
        assertEquals(Set.of("REGISTERED", "ALREADY_REGISTERED"), outcomes,
                () -> firstJob.prettify() + secondJob.prettify());
        assertEquals(firstJob.getString("result.registrationNumber"),
                secondJob.getString("result.registrationNumber"));
        assertEquals(1, count("SELECT COUNT(*) FROM dog WHERE name = 'Bori'"));
    }

    @Test
    void bothReplicasGiveTheSameAnswerForTheSameProbe() throws Exception {
        List<byte[]> dubu = noses.photos(4, 0, 6);
        JsonPath registered = client.awaitSucceeded(
                client.register(dubu.subList(0, 5), new NoseIdClient.Owner("Choi Yuna", "+82 10 4444 5555"), "Dubu"));
        String number = registered.getString("result.registrationNumber");
        assertTrue(number.matches("\\d{14}D5555"), number);

        List<String> jobs = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.identify(dubu.subList(5, 6))))
                .map(CompletableFuture::join)
                .toList();
        List<JsonPath> answers = jobs.stream().map(client::awaitSucceeded).toList();
        Set<String> distinct = answers.stream()
                .map(a -> a.getString("result.outcome") + " " + a.getString("result.registrationNumber") + " "
                        + a.getString("result.score"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("MATCH " + number + " " + answers.getFirst().getString("result.score")), distinct);
        for (NoseIdStack.ServiceProcess worker : stack.workers()) {
            assertTrue(worker.log().contains("IDENTIFICATION job ended"),
                    worker.name() + " answered no identification; both replicas should share the queue");
        }
    }

    @Test
    void aDeletedDogIsNoLongerFoundAndCanBeRegisteredAgain() throws Exception {
        List<byte[]> nabi = noses.photos(5, 0, 11);
        NoseIdClient.Owner owner = new NoseIdClient.Owner("Jung Hana", "010-7777-8888");
        String number = client.awaitSucceeded(client.register(nabi.subList(0, 5), owner, "나비"))
                .getString("result.registrationNumber");
        assertEquals("010-****-8888", client.dog(number).then().statusCode(200).extract().path("owner.phone"));
        assertEquals("010-7777-8888".replace("-", ""),
                admin.dog(number).then().statusCode(200).extract().<String>path("owner.phone").replaceAll("\\D", ""));

        client.deleteDog(number).then().statusCode(403);
        admin.deleteDog(number).then().statusCode(204);
        admin.dog(number).then().statusCode(404);
        assertEquals(0, count("SELECT COUNT(*) FROM dog WHERE registration_number = ?", number));

        JsonPath lost = client.awaitSucceeded(client.identify(nabi.subList(5, 6)));
        assertEquals("NO_MATCH", lost.getString("result.outcome"), lost::prettify);

        JsonPath again = client.awaitSucceeded(client.register(nabi.subList(6, 11), owner, "나비"));
        assertEquals("REGISTERED", again.getString("result.outcome"), again::prettify);
        assertNotNull(again.getString("result.registrationNumber"));
        assertFalse(number.equals(again.getString("result.registrationNumber")), "a number is never reused");
    }

    private long count(String sql, Object... parameters) {
        return stack.count(sql, parameters);
    }
}

package io.noseid.system;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bookkeeping of a fault scenario: every job that got a 202 and the outcome it must end with, every request that
 * was refused with 503, and the checks every scenario ends with (issue 8's acceptance):
 * <ul>
 *   <li>every job that got a 202 ends once, SUCCEEDED with its real outcome: none FAILED because of the outage, none
 *   stuck QUEUED or RUNNING;</li>
 *   <li>a request refused with 503 never runs: no job row, no dog, no worker ever saw a job id the client was not
 *   given, no job message left in the queues;</li>
 *   <li>no duplicate dog or gallery entry;</li>
 *   <li>readiness DOWN during the outage and UP after, with the same service processes.</li>
 * </ul>
 */
final class FaultScenario {

    /** How long any accepted job may take to end once the outage is over. */
    static final Duration JOBS_END_WITHIN = Duration.ofSeconds(120);
    static final Duration READINESS_WITHIN = Duration.ofSeconds(60);
    /** A POST during an outage is answered within this, whether 202 or 503. */
    static final Duration PROMPT_ANSWER = Duration.ofSeconds(5);
    static final Map<String, String> NOSE_CROPS = Map.of("NOSEID_WORKER_DETECTOR_ENABLED", "false");

    /** What an accepted job must end with. */
    record Expected(String type, String outcome, String registrationNumber, String dogName) {
    }

    /** A dog registered before the fault, so that identifications have a real answer. */
    record KnownDog(String name, String registrationNumber, List<byte[]> probe) {
    }

    private final NoseIdStack stack;
    private final NoseIdClient client;
    private final SyntheticNoses noses;
    private final Map<String, Expected> accepted = new ConcurrentHashMap<>();
    private final List<String> refusedDogNames = new CopyOnWriteArrayList<>();
    private final List<String> refusedIdentifications = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger refusedUnanswered = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, Long> pids = new HashMap<>();
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
    /** Requests sent during an outage run at the same time, each on its own thread (not the common pool). */
    private final Executor concurrently = Executors.newVirtualThreadPerTaskExecutor();
    private int nextDog = 100;

    FaultScenario(NoseIdStack stack, long seed) {
        this.stack = stack;
        this.client = new NoseIdClient(stack.baseUrl(), NoseIdStack.CLIENT_KEY);
        this.noses = new SyntheticNoses(seed);
    }

    NoseIdClient client() {
        return client;
    }

    Map<String, Expected> accepted() {
        return accepted;
    }

    /** Remembers the service processes, to check later that none was restarted. */
    void rememberProcesses() {
        pids.put(stack.gateway().name(), stack.gateway().pid());
        stack.workers().stream().filter(NoseIdStack.ServiceProcess::isAlive)
                .forEach(w -> pids.put(w.name(), w.pid()));
    }

    /** Remembers only the gateway's process (for a scenario that kills a worker itself). */
    void rememberGateway() {
        pids.put(stack.gateway().name(), stack.gateway().pid());
    }

    /**
     * A registration of a new dog whose answer may never come (the gateway is killed while it waits): completes
     * with the job id on a 202, empty on any other answer or none.
     */
    CompletableFuture<Optional<String>> registerUnanswered(String name) {
        int dog = nextDog++;
        List<byte[]> photos = noses.photos(dog, 0, 5);
        return CompletableFuture.supplyAsync(() -> {
            try {
                long sentAt = System.nanoTime();
                Response response = client.submitRegistration(photos, owner(dog), name);
                java.util.concurrent.atomic.AtomicReference<String> jobId = new java.util.concurrent.atomic.AtomicReference<>();
                // a hanging broker is soon reported down by readiness: 503 at once is a right answer too
                classify(response, sentAt, "registration " + name, id -> {
                    jobId.set(id);
                    accepted.put(id, new Expected("REGISTRATION", "REGISTERED", null, name));
                }, () -> {
                    refusedDogNames.add(name);
                    refusedUnanswered.incrementAndGet();
                });
                return Optional.ofNullable(jobId.get());
            } catch (Exception e) {
                // the gateway died while the client waited: no answer, no job id (rest-assured throws the HTTP
                // client's checked NoHttpResponseException undeclared)
            }
            return Optional.<String>empty();
        }, concurrently);
    }

    /** How many {@link #registerUnanswered} requests were refused with 503. */
    int refusedUnanswered() {
        return refusedUnanswered.get();
    }

    /** A job found stored whose client never learnt its id: it must end like an accepted one. */
    void adoptStoredJob(String jobId, Expected expected) {
        accepted.putIfAbsent(jobId, expected);
    }

    /** Registers a dog before the fault and waits for it. */
    KnownDog registerBeforeTheFault(String name) {
        int dog = nextDog++;
        List<byte[]> photos = noses.photos(dog, 0, 6);
        String jobId = client.register(photos.subList(0, 5), owner(dog), name);
        JsonPath done = client.awaitSucceeded(jobId);
        assertEquals("REGISTERED", done.getString("result.outcome"), done::prettify);
        String number = done.getString("result.registrationNumber");
        accepted.put(jobId, new Expected("REGISTRATION", "REGISTERED", number, name));
        return new KnownDog(name, number, photos.subList(5, 6));
    }

    /** A registration of a new dog that must be accepted (the servers are fine). */
    String registerNewDog(String name) {
        int dog = nextDog++;
        String jobId = client.register(noses.photos(dog, 0, 5), owner(dog), name);
        accepted.put(jobId, new Expected("REGISTRATION", "REGISTERED", null, name));
        return jobId;
    }

    /** An identification of a known dog that must be accepted. */
    String identify(KnownDog dog) {
        String jobId = client.identify(dog.probe());
        accepted.put(jobId, new Expected("IDENTIFICATION", "MATCH", dog.registrationNumber(), dog.name()));
        return jobId;
    }

    /** An identification of a dog nobody registered that must be accepted. */
    String identifyStranger() {
        String jobId = client.identify(noses.photos(nextDog++, 0, 1));
        accepted.put(jobId, new Expected("IDENTIFICATION", "NO_MATCH", null, null));
        return jobId;
    }

    /**
     * A registration sent during an outage: it must answer 202 (then it must end REGISTERED like any other) or 503
     * {@code SERVICE_UNAVAILABLE} at once (then it must never run). Anything else is recorded as a problem.
     */
    CompletableFuture<Void> registerDuringOutage(String name) {
        int dog = nextDog++;
        List<byte[]> photos = noses.photos(dog, 0, 5);
        return CompletableFuture.runAsync(() -> {
            Response response;
            long sentAt = System.nanoTime();
            try {
                response = client.submitRegistration(photos, owner(dog), name);
            } catch (RuntimeException e) {
                problems.add("registration " + name + " during the outage got no answer: " + e);
                return;
            }
            classify(response, sentAt, "registration " + name, jobId ->
                    accepted.put(jobId, new Expected("REGISTRATION", "REGISTERED", null, name)),
                    () -> refusedDogNames.add(name));
        }, concurrently);
    }

    /** An identification of a known dog sent during an outage: 202 (then MATCH) or 503. */
    CompletableFuture<Void> identifyDuringOutage(KnownDog known) {
        return CompletableFuture.runAsync(() -> {
            Response response;
            long sentAt = System.nanoTime();
            try {
                response = client.submitIdentification(known.probe());
            } catch (RuntimeException e) {
                problems.add("identification during the outage got no answer: " + e);
                return;
            }
            classify(response, sentAt, "identification of " + known.name(), jobId -> accepted.put(jobId,
                            new Expected("IDENTIFICATION", "MATCH", known.registrationNumber(), known.name())),
                    () -> refusedIdentifications.add(known.name()));
        }, concurrently);
    }

    private void classify(Response response, long sentAt, String what,
                          java.util.function.Consumer<String> onAccepted, Runnable onRefused) {
        Duration took = Duration.ofNanos(System.nanoTime() - sentAt);
        int status = response.statusCode();
        if (status == 202) {
            onAccepted.accept(response.jsonPath().getString("jobId"));
        } else if (status == 503) {
            String contentType = String.valueOf(response.contentType());
            String code = contentType.startsWith("application/problem+json")
                    ? response.jsonPath().getString("code") : null;
            if (!"SERVICE_UNAVAILABLE".equals(code)) {
                problems.add(what + ": 503 without problem+json SERVICE_UNAVAILABLE: " + contentType + " "
                        + response.asString());
            }
            if (took.compareTo(PROMPT_ANSWER) > 0) {
                problems.add(what + ": 503 after " + took.toMillis() + " ms; a refusal must come at once (within "
                        + PROMPT_ANSWER.toSeconds() + " s), readiness already knows the server is down");
            }
            onRefused.run();
        } else {
            problems.add(what + " during the outage: " + status + " " + response.asString()
                    + " (only 202 or 503 SERVICE_UNAVAILABLE are right)");
        }
    }

    /** Waits until one of the given jobs is RUNNING on a worker. */
    void awaitRunning(String jobId) {
        await("job " + jobId + " running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> client.tryJob(jobId).map(j -> j.getString("status")).map(s -> !"QUEUED".equals(s))
                        .orElse(false));
    }

    /** The fault must hit jobs that have not ended, or the scenario tests nothing. */
    void assertJobsStillOpen() {
        long open = stack.count("SELECT COUNT(*) FROM job WHERE status IN ('QUEUED', 'RUNNING')");
        assertTrue(open > 0, "every job had ended before the fault: the scenario did not test anything");
    }

    void awaitReadiness(int status, Duration atMost) {
        await("gateway readiness " + status).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> stack.gatewayReadiness() == status);
    }

    /** Readiness stays {@code status} for {@code duration} (and the test waits that long). */
    void holdReadiness(int status, Duration duration) {
        await("gateway readiness " + status + " for " + duration).during(duration)
                .atMost(duration.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.gatewayReadiness() == status);
    }

    /** Waits for the answers of requests sent during the outage (they are bounded by the client's timeouts). */
    void join(List<CompletableFuture<Void>> requests) throws Exception {
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
    }

    /**
     * Waits (bounded by {@link #JOBS_END_WITHIN}) until every accepted job has ended and returns the ones that did,
     * with the state they ended in; the checks below say what is wrong.
     */
    Map<String, JsonPath> awaitAcceptedJobsEnded() {
        return awaitEnded(accepted.keySet());
    }

    /**
     * Every accepted job ended SUCCEEDED with the outcome it must have, and keeps it (no second ending from a
     * redelivery); fails listing the jobs that ended otherwise or not at all.
     */
    void assertEveryAcceptedJobEndedWithItsRealOutcome(Map<String, JsonPath> ended) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Expected> entry : new TreeMap<>(accepted).entrySet()) {
            JsonPath job = ended.get(entry.getKey());
            Expected expected = entry.getValue();
            if (job == null) {
                wrong.add(expected + " never ended: " + lastSeen.getOrDefault(entry.getKey(), "no answer")
                        + " after " + JOBS_END_WITHIN + " (job " + entry.getKey() + ")");
                continue;
            }
            String status = job.getString("status");
            String outcome = job.getString("result.outcome");
            boolean right = "SUCCEEDED".equals(status) && expected.outcome().equals(outcome)
                    && (expected.registrationNumber() == null
                    || expected.registrationNumber().equals(job.getString("result.registrationNumber")));
            if (!right) {
                wrong.add(expected + " ended " + status + " " + outcome + " "
                        + job.getString("result.registrationNumber") + " " + job.getString("error.code") + ": "
                        + job.getString("error.detail") + " (job " + entry.getKey() + ")");
            }
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " of " + accepted.size()
                + " accepted jobs did not end with their real outcome:\n" + String.join("\n", wrong));
        await("ended jobs stay as they ended").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1)).until(() -> accepted.keySet().stream().allMatch(id ->
                        client.tryJob(id).map(j -> sameEnding(j, ended.get(id))).orElse(false)));
    }

    private static boolean sameEnding(JsonPath now, JsonPath then) {
        return now.getString("status").equals(then.getString("status"))
                && String.valueOf(now.getString("result.outcome")).equals(String.valueOf(
                then.getString("result.outcome")))
                && String.valueOf(now.getString("result.registrationNumber")).equals(String.valueOf(
                then.getString("result.registrationNumber")));
    }

    /** Polls the jobs (politely: one pass a second) until each has ended or the bound is reached. */
    Map<String, JsonPath> awaitEnded(Set<String> jobIds) {
        Map<String, JsonPath> ended = new ConcurrentHashMap<>();
        try {
            await("accepted jobs ended").atMost(JOBS_END_WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (String id : jobIds) {
                    if (ended.containsKey(id)) {
                        continue;
                    }
                    client.tryJob(id).ifPresent(j -> {
                        String status = j.getString("status");
                        lastSeen.put(id, status);
                        if ("SUCCEEDED".equals(status) || "FAILED".equals(status)) {
                            ended.put(id, j);
                        }
                    });
                }
                return ended.size() == jobIds.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported by assertEveryAcceptedJobEndedWithItsRealOutcome, with the status each job was left in
        }
        return ended;
    }

    /**
     * A refused request never ran: the job table holds exactly the accepted jobs, the workers saw no other job id, no
     * dog carries a refused name, and no job message waits in the queues.
     */
    void assertRefusedRequestsNeverRan() {
        Set<String> jobRows = new TreeSet<>(stack.strings("SELECT id FROM job"));
        Set<String> unknownRows = new TreeSet<>(jobRows);
        unknownRows.removeAll(accepted.keySet());
        assertTrue(unknownRows.isEmpty(), () -> "job rows no client was given a 202 for: " + unknownRows);
        Set<String> missing = new TreeSet<>(accepted.keySet());
        missing.removeAll(jobRows);
        assertTrue(missing.isEmpty(), () -> "accepted jobs without a job row: " + missing);

        Set<String> ranUnknown = new TreeSet<>(stack.jobIdsSeenByWorkers());
        ranUnknown.removeAll(accepted.keySet());
        assertTrue(ranUnknown.isEmpty(), () -> "the workers ran job(s) whose request was refused (the client never "
                + "got their id): " + ranUnknown);

        for (String name : refusedDogNames) {
            assertEquals(0, stack.count("SELECT COUNT(*) FROM dog WHERE name = ?", name),
                    "the registration of " + name + " was refused with 503 but its dog exists");
        }
        Map<String, Long> depths = stack.queueDepths();
        for (String queue : List.of("noseid.registrations", "noseid.identifications")) {
            assertEquals(0L, depths.getOrDefault(queue, 0L),
                    () -> "job messages left in " + queue + " after every accepted job ended: " + depths);
        }
    }

    /** One dog per REGISTERED job, one gallery entry per dog, one owner per phone. */
    void assertNoDuplicateDogOrGalleryEntry(Map<String, JsonPath> ended) {
        Set<String> registeredNames = new HashSet<>();
        for (Map.Entry<String, Expected> entry : accepted.entrySet()) {
            if ("REGISTERED".equals(entry.getValue().outcome())) {
                registeredNames.add(entry.getValue().dogName());
            }
        }
        for (String name : registeredNames) {
            assertEquals(1, stack.count("SELECT COUNT(*) FROM dog WHERE name = ?", name),
                    "exactly one dog named " + name);
        }
        Set<String> numbers = ended.values().stream()
                .filter(j -> "REGISTERED".equals(j.getString("result.outcome")))
                .map(j -> j.getString("result.registrationNumber")).collect(Collectors.toSet());
        assertEquals(registeredNames.size(), numbers.size(), "one registration number per registered dog");
        long dogs = stack.count("SELECT COUNT(*) FROM dog");
        assertEquals(registeredNames.size(), dogs, "dogs in the database");
        assertEquals(dogs, stack.count("SELECT COUNT(*) FROM gallery_dog"), "one gallery entry per dog");
        assertEquals(dogs, stack.count("SELECT COUNT(*) FROM gallery_dog g JOIN dog d ON d.id = g.dog_id"),
                "every gallery entry belongs to a dog");
        assertEquals(dogs, stack.count("SELECT COUNT(DISTINCT dog_id) FROM gallery_photo"),
                "gallery photos of every dog, of no other");
        assertEquals(dogs, stack.count("SELECT COUNT(*) FROM owner"), "one owner per phone (each dog its own)");
    }

    /** The same service processes as when {@link #rememberProcesses()} ran: none restarted, none died. */
    void assertNoServiceRestarted() {
        for (Map.Entry<String, Long> entry : pids.entrySet()) {
            NoseIdStack.ServiceProcess process = entry.getKey().startsWith("gateway") ? stack.gateway()
                    : stack.workers().stream().filter(w -> w.name().equals(entry.getKey())).findFirst().orElseThrow();
            assertEquals(entry.getValue(), process.pid(), entry.getKey() + " was restarted");
            assertTrue(process.isAlive(), () -> entry.getKey() + " died:\n" + process.tail());
        }
    }

    /** Requests during the outage were answered 202 or 503 SERVICE_UNAVAILABLE, nothing else. */
    void assertOutageAnswersWereRight() {
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /** The proxies were really in the services' path (the services honoured the settings). */
    void assertServicesUseTheProxies() {
        for (NoseIdStack.Backend backend : NoseIdStack.Backend.values()) {
            assertTrue(stack.proxy(backend).acceptedConnections() > 0,
                    () -> "no service connected to " + backend + " through its proxy: " + stack.proxy(backend));
        }
    }

    String summary() {
        return accepted.size() + " accepted, " + refusedDogNames.size() + " registration(s) and "
                + refusedIdentifications.size() + " identification(s) refused with 503";
    }

    private static NoseIdClient.Owner owner(int dog) {
        return new NoseIdClient.Owner("Owner " + dog, String.format("010-7%03d-%04d", dog % 1000, dog));
    }
}

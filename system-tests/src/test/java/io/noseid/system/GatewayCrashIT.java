package io.noseid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.noseid.system.NoseIdStack.Backend.RABBITMQ;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway killed (kill -9) between storing jobs and the broker's confirm of their messages (issue 8, defect 3):
 * the broker hangs (its proxy stalls: connections open, nothing answered), three registrations are sent and stored,
 * the gateway dies, the broker and then the gateway come back. The messages the dead gateway had sent were never
 * read by the broker. Every job that was stored, whether its client got a 202 or no answer at all, must end once
 * (the restarted gateway republishes what was never confirmed): none left QUEUED forever with its photos and its
 * owner's contact, no duplicate dog.
 */
class GatewayCrashIT {

    @Test
    void jobsStoredButNotConfirmedWhenTheGatewayDiesAreRepublishedByTheRestartedGateway() throws Exception {
        try (NoseIdStack stack = NoseIdStack.builder().workers(1).workerSettings(FaultScenario.NOSE_CROPS)
                .throughFaultProxies().start()) {
            FaultScenario scenario = new FaultScenario(stack, 0x6A7EL);
            scenario.assertServicesUseTheProxies();
            NoseIdStack.ServiceProcess worker = stack.workers().getFirst();
            long workerPid = worker.pid();

            stack.stall(RABBITMQ);
            List<CompletableFuture<Optional<String>>> uploads = IntStream.range(0, 3)
                    .mapToObj(i -> scenario.registerUnanswered("Crash Dog " + (char) ('A' + i))).toList();
            // each is stored (its 202 waits for a confirm that does not come) or, once readiness has noticed the
            // hanging broker, refused with 503 at once
            await("three registrations stored or refused while the broker does not confirm")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> stack.count("SELECT COUNT(*) FROM job") + scenario.refusedUnanswered() == 3);
            int storedBeforeTheKill = (int) stack.count("SELECT COUNT(*) FROM job");
            assertTrue(storedBeforeTheKill >= 1, "no job was stored before the kill: the test tests nothing");

            stack.gateway().kill();
            stack.start(RABBITMQ);
            stack.restartGateway();

            CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
            Set<String> answered = new TreeSet<>();
            uploads.forEach(upload -> upload.join().ifPresent(answered::add));
            List<String> stored = stack.strings("SELECT id FROM job");
            for (String jobId : stored) {
                String dogName = JsonPath.from(stack.strings("SELECT request_json FROM job WHERE id = ?", jobId)
                        .getFirst()).getString("dogName");
                scenario.adoptStoredJob(jobId, new FaultScenario.Expected("REGISTRATION", "REGISTERED", null,
                        dogName));
            }
            assertEquals(storedBeforeTheKill, scenario.accepted().size(),
                    () -> "stored before the kill " + storedBeforeTheKill + ", answered " + answered + ", stored "
                            + stored);

            Map<String, JsonPath> ended = scenario.awaitAcceptedJobsEnded();
            assertAll(scenario.summary() + "; " + answered.size() + " got a 202 before the kill",
                    () -> scenario.assertEveryAcceptedJobEndedWithItsRealOutcome(ended),
                    () -> assertTrue(stored.containsAll(answered), "every 202 has its job row"),
                    scenario::assertOutageAnswersWereRight,
                    scenario::assertRefusedRequestsNeverRan,
                    () -> scenario.assertNoDuplicateDogOrGalleryEntry(ended),
                    () -> assertEquals(workerPid, worker.pid(), "the worker was not restarted"),
                    () -> assertTrue(worker.isAlive(), "the worker is alive"),
                    () -> assertEquals(200, stack.gatewayReadiness(), "readiness after the restart"));
        }
    }
}

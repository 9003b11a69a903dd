package io.noseid.system;

import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One backing server "stopped" for a while and "started" again under load, through the stack's fault proxy: the
 * common body of {@link BrokerOutageIT}, {@link DatabaseOutageIT} and {@link RedisOutageIT}.
 * <ol>
 *   <li>a dog is registered before the fault, so that identifications have a real answer;</li>
 *   <li>six registrations of new dogs and two identifications are queued; the fault starts once the first
 *   registration runs, so jobs are both queued and running;</li>
 *   <li>readiness must go DOWN (503); two registrations and an identification are sent during the outage: each
 *   answers 202 or, at once, 503 SERVICE_UNAVAILABLE; readiness stays DOWN until the server is back;</li>
 *   <li>readiness must come back UP (200) without restarting anything; every 202 ends once with its real outcome;
 *   a 503 never ran; no duplicate dog or gallery entry.</li>
 * </ol>
 */
final class BackendOutage {

    private BackendOutage() {
    }

    static void run(NoseIdStack.Backend backend, Duration outage, long seed) throws Exception {
        try (NoseIdStack stack = NoseIdStack.builder().workers(1).workerSettings(FaultScenario.NOSE_CROPS)
                .throughFaultProxies().start()) {
            FaultScenario scenario = new FaultScenario(stack, seed);
            String label = backend.name().charAt(0) + backend.name().substring(1).toLowerCase();
            FaultScenario.KnownDog choco = scenario.registerBeforeTheFault("Choco");
            scenario.assertServicesUseTheProxies();
            scenario.rememberProcesses();

            List<String> registrations = IntStream.range(0, 6)
                    .mapToObj(i -> scenario.registerNewDog(label + " Dog " + (char) ('A' + i))).toList();
            scenario.identify(choco);
            scenario.identifyStranger();
            scenario.awaitRunning(registrations.getFirst());

            stack.stop(backend);
            long stoppedAt = System.nanoTime();
            scenario.assertJobsStillOpen();
            scenario.awaitReadiness(503, outage);
            List<CompletableFuture<Void>> duringOutage = List.of(
                    scenario.registerDuringOutage("Outage Dog A"),
                    scenario.registerDuringOutage("Outage Dog B"),
                    scenario.identifyDuringOutage(choco));
            scenario.join(duringOutage);
            Duration left = outage.minusNanos(System.nanoTime() - stoppedAt);
            if (!left.isNegative() && !left.isZero()) {
                scenario.holdReadiness(503, left);
            }
            assertEquals(503, stack.gatewayReadiness(), "readiness at the end of the outage");
            stack.start(backend);
            scenario.awaitReadiness(200, FaultScenario.READINESS_WITHIN);

            Map<String, JsonPath> ended = scenario.awaitAcceptedJobsEnded();
            assertAll(scenario.summary(),
                    () -> scenario.assertEveryAcceptedJobEndedWithItsRealOutcome(ended),
                    scenario::assertOutageAnswersWereRight,
                    scenario::assertRefusedRequestsNeverRan,
                    () -> scenario.assertNoDuplicateDogOrGalleryEntry(ended),
                    scenario::assertNoServiceRestarted,
                    () -> assertEquals(200, stack.gatewayReadiness(), "readiness after the outage"));
        }
    }
}

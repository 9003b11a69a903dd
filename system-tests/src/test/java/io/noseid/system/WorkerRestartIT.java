package io.noseid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The only worker killed (kill -9) while it runs a registration, with more jobs queued behind it, then started again
 * (issue 8: the acceptance's worker scenario). The held registration is redelivered to the new worker and ends once:
 * one dog, one gallery entry; the queued jobs end with their real outcomes; the gateway stays ready throughout.
 */
class WorkerRestartIT {

    @Test
    void aRegistrationRunningOnAKilledWorkerEndsOnceWhenTheWorkerIsStartedAgain() throws Exception {
        try (NoseIdStack stack = NoseIdStack.builder().workers(1).workerSettings(FaultScenario.NOSE_CROPS)
                .throughFaultProxies().start()) {
            FaultScenario scenario = new FaultScenario(stack, 0x3E57A27L);
            FaultScenario.KnownDog choco = scenario.registerBeforeTheFault("Choco");
            scenario.rememberGateway();
            NoseIdStack.ServiceProcess doomed = stack.workers().getFirst();

            List<String> registrations = IntStream.range(0, 5)
                    .mapToObj(i -> scenario.registerNewDog("Restart Dog " + (char) ('A' + i))).toList();
            scenario.identify(choco);
            scenario.identifyStranger();
            // A registration takes well under a second: catch one while it runs. The worker takes them one after
            // the other; freeze it as soon as one leaves QUEUED, and let it go on if that one had already ended.
            boolean caughtRunning = false;
            for (String registration : registrations) {
                scenario.awaitRunning(registration);
                // freeze first so that nothing more happens between this check and the kill
                doomed.freeze();
                if ("RUNNING".equals(scenario.client().job(registration).getString("status"))) {
                    caughtRunning = true;
                    break;
                }
                doomed.thaw();
            }
            assertTrue(caughtRunning, "every registration ended before the worker could be killed; the test did "
                    + "not test anything");
            stack.killWorker(doomed);
            assertEquals(200, stack.gatewayReadiness(), "the gateway does not depend on a worker to be ready");

            stack.startWorker();
            Map<String, JsonPath> ended = scenario.awaitAcceptedJobsEnded();
            assertAll(scenario.summary(),
                    () -> scenario.assertEveryAcceptedJobEndedWithItsRealOutcome(ended),
                    scenario::assertRefusedRequestsNeverRan,
                    () -> scenario.assertNoDuplicateDogOrGalleryEntry(ended),
                    scenario::assertNoServiceRestarted,
                    () -> assertEquals(200, stack.gatewayReadiness(), "readiness after the restart"));
        }
    }
}

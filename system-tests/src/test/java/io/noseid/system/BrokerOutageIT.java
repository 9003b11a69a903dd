package io.noseid.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * RabbitMQ stopped for 12 s while registrations and identifications are queued and one is running, then started
 * again (issue 8: defect 4 and the acceptance's broker scenario). During the outage a POST answers 503
 * SERVICE_UNAVAILABLE at once with nothing stored, or 202 and the job then ends once the broker is back (a
 * transactional outbox republishes it); a request refused with 503 never runs. See {@link BackendOutage}.
 */
class BrokerOutageIT {

    @Test
    void jobsQueuedAndRunningWhenTheBrokerStopsEndOnceAndARefusedJobNeverRuns() throws Exception {
        BackendOutage.run(NoseIdStack.Backend.RABBITMQ, Duration.ofSeconds(12), 0xB40CE2L);
    }
}

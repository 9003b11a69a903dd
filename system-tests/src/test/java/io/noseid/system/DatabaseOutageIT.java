package io.noseid.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * MariaDB stopped for 10 s while registrations and identifications are queued and one is running, then started
 * again (issue 8: defect 2 and the acceptance's database scenario). A job that got a 202 never fails because of
 * the outage: the worker retries transient errors with back-off instead of spending the poison-message budget.
 * See {@link BackendOutage}.
 */
class DatabaseOutageIT {

    @Test
    void jobsQueuedAndRunningWhenTheDatabaseStopsFor10SecondsEndOnceWithTheirRealOutcome() throws Exception {
        BackendOutage.run(NoseIdStack.Backend.MARIADB, Duration.ofSeconds(10), 0xDA7AL);
    }
}

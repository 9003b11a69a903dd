package io.noseid.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Redis stopped for 10 s while registrations and identifications are queued and one is running, then started
 * again (issue 8: the acceptance's Redis scenario). Job progress lives in Redis, the job of record in MariaDB: no
 * accepted job fails or sticks because Redis was away. See {@link BackendOutage}.
 */
class RedisOutageIT {

    @Test
    void jobsQueuedAndRunningWhenRedisStopsEndOnceWithTheirRealOutcome() throws Exception {
        BackendOutage.run(NoseIdStack.Backend.REDIS, Duration.ofSeconds(10), 0x4ED15L);
    }
}

package io.noseid.shared;

import org.junit.jupiter.api.Test;

import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8, defect 2: a short database outage failed accepted jobs, requeued at once until dead-lettered. */
class OutageRetryTest {

    private final OutageRetry retry = new OutageRetry(Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofSeconds(2), Runnable::run);

    private static RuntimeException databaseDown() {
        return new IllegalStateException("Could not read photo 1",
                new SQLNonTransientConnectionException("Could not connect to 127.0.0.1:3306", "08000"));
    }

    @Test
    void anOutageIsWaitedOut() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.run("test job", () -> {
            if (calls.incrementAndGet() < 4) {
                throw databaseDown();
            }
            return "done";
        }).await().atMost(Duration.ofSeconds(5));
        assertEquals("done", result);
        assertEquals(4, calls.get());
    }

    @Test
    void aFailureOfTheJobItselfIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(IllegalArgumentException.class, () -> retry.run("test job", () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("job carries no dog id");
        }).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, calls.get());
    }

    @Test
    void anOutageLongerThanTheBudgetEndsTheRetries() {
        // the budget runs from when the retry is assembled: a cold JVM spends a good part of 100 ms loading classes
        OutageRetry short_ = new OutageRetry(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(800),
                Runnable::run);
        AtomicInteger calls = new AtomicInteger();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> short_.run("test job", () -> {
            calls.incrementAndGet();
            throw databaseDown();
        }).await().atMost(Duration.ofSeconds(5)));
        assertTrue(TransientFailures.isTransient(failure), failure.toString());
        assertTrue(calls.get() > 2, "retried " + calls.get() + " times");
    }
}

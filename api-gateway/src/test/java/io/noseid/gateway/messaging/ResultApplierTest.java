package io.noseid.gateway.messaging;

import io.noseid.shared.OutageRetry;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A result that meets a database outage is applied again while its message stays unacknowledged: requeueing it
 * would spend its delivery count, and RabbitMQ 4 drops a quorum-queue message redelivered 20 times (the job would
 * stay RUNNING for ever).
 */
class ResultApplierTest {

    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicInteger nacks = new AtomicInteger();
    private final Message<String> message = Message.of("result",
            () -> {
                acks.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            },
            failure -> {
                nacks.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            });

    private static ResultApplier applier(Duration budget) {
        return new ResultApplier(new OutageRetry(Duration.ofMillis(5), Duration.ofMillis(20), budget, Runnable::run));
    }

    private static RuntimeException databaseDown() {
        return new IllegalStateException("result not applied",
                new SQLNonTransientConnectionException("Could not connect to 127.0.0.1:3306", "08000"));
    }

    @Test
    void anOutageIsWaitedOutWithoutRequeueing() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        applier(Duration.ofSeconds(5)).apply(message, "Result of a job", UUID.randomUUID(), () -> {
            if (attempts.incrementAndGet() < 4) {
                throw databaseDown();
            }
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(4, attempts.get());
        assertEquals(1, acks.get());
        assertEquals(0, nacks.get(), "the message must not be requeued during the outage");
    }

    @Test
    void aFailureThatIsNoOutageIsRequeuedAtOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        applier(Duration.ofSeconds(5)).apply(message, "Result of a job", UUID.randomUUID(), () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("a defect");
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1, attempts.get());
        assertEquals(0, acks.get());
        assertEquals(1, nacks.get());
    }

    @Test
    void anOutageLongerThanTheBudgetReturnsTheMessage() throws Exception {
        applier(Duration.ofMillis(500)).apply(message, "Result of a job", UUID.randomUUID(), () -> {
            throw databaseDown();
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(0, acks.get());
        assertEquals(1, nacks.get());
    }
}

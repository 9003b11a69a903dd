package io.noseid.worker.jobs;

import io.noseid.shared.TransientFailures;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs a blocking step again, with exponential back-off, while it fails because a backing service is out (see
 * {@link TransientFailures}), for at most a configured time. The waits are timers, not sleeping threads, and the job
 * message stays unacknowledged meanwhile, so an outage does not spend the message's delivery budget: before this, a
 * 10 s database outage made the worker requeue at once until the quorum queue dead-lettered accepted jobs. A failure
 * of any other kind is passed on at once.
 */
public final class OutageRetry {

    private static final Logger LOG = Logger.getLogger(OutageRetry.class);

    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private final Duration budget;
    private final Executor blockingExecutor;

    public OutageRetry(Duration initialBackOff, Duration maxBackOff, Duration budget, Executor blockingExecutor) {
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
        this.budget = budget;
        this.blockingExecutor = blockingExecutor;
    }

    /** @param what names the step in the log */
    public <T> Uni<T> run(String what, Supplier<T> step) {
        return Uni.createFrom().item(step)
                .runSubscriptionOn(blockingExecutor)
                .onFailure(TransientFailures::isTransient)
                .invoke(e -> LOG.warnf("%s waits for a backing service (%s); retrying with back-off", what,
                        e.toString()))
                .onFailure(TransientFailures::isTransient)
                .retry().withBackOff(initialBackOff, maxBackOff).expireIn(budget.toMillis());
    }
}

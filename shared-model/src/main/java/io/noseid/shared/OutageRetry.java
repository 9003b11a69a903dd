package io.noseid.shared;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs a blocking step again, with exponential back-off, while it fails because a backing service is out (see
 * {@link TransientFailures}), for at most a configured time. Used by the worker for jobs and by the gateway for
 * results. The waits are timers, not sleeping threads, and the job
 * message stays unacknowledged meanwhile, so an outage does not spend the message's delivery budget: before this, a
 * 10 s database outage made the worker requeue at once until the quorum queue dead-lettered accepted jobs. A failure
 * of any other kind is passed on at once.
 */
public final class OutageRetry {

    private static final System.Logger LOG = System.getLogger(OutageRetry.class.getName());

    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private final Duration budget;
    private final Executor blockingExecutor;

    public OutageRetry(OutageRetryConfig config, Executor blockingExecutor) {
        this(config.retryInitialBackOff(), config.retryMaxBackOff(), config.retryBudget(), blockingExecutor);
    }

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
                .invoke(e -> LOG.log(System.Logger.Level.WARNING,
                        what + " waits for a backing service (" + e + "); retrying with back-off"))
                .onFailure(TransientFailures::isTransient)
                .retry().withBackOff(initialBackOff, maxBackOff).expireIn(budget.toMillis());
    }
}

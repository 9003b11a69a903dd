package io.noseid.gateway.messaging;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.shared.OutageRetry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Applies a message from a worker (a result, a dead letter) and settles it: acknowledged once applied; while MariaDB
 * or Redis is out, applied again with back-off and the message held unacknowledged (an outage must not spend its
 * delivery count); returned to the queue after a pause when it still fails. Applying is idempotent: a job that is
 * already final is only mirrored into Redis again.
 */
@ApplicationScoped
public class ResultApplier {

    private static final Logger LOG = Logger.getLogger(ResultApplier.class);

    private final OutageRetry retry;

    @Inject
    public ResultApplier(NoseIdConfig config) {
        this(new OutageRetry(config.results(), Infrastructure.getDefaultWorkerPool()));
    }

    ResultApplier(OutageRetry retry) {
        this.retry = retry;
    }

    /** @param what names the message in the log, for example "Result of job …" */
    public CompletionStage<Void> apply(Message<?> message, String what, UUID jobId, Runnable step) {
        return retry.run(what, () -> {
                    MDC.put("jobId", jobId.toString());
                    try {
                        step.run();
                        return Boolean.TRUE;
                    } finally {
                        MDC.remove("jobId");
                    }
                })
                .subscribeAsCompletionStage()
                .thenCompose(applied -> message.ack())
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    LOG.errorf(cause, "%s could not be applied; it will be redelivered", what);
                    return Redelivery.later(message, cause);
                });
    }
}

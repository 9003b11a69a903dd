package io.noseid.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.job.service.JobCompletionService;
import io.noseid.gateway.job.service.JobProgressStore;
import io.noseid.shared.JobResult;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * Consumes the worker's answers. The final state is committed to MariaDB first, then mirrored into Redis; while
 * either is out the result is applied again with back-off ({@link ResultApplier}), and a second application only
 * re-mirrors a job that is already final.
 */
@ApplicationScoped
public class ResultConsumer {

    private static final Logger LOG = Logger.getLogger(ResultConsumer.class);

    private final ObjectMapper mapper;
    private final JobCompletionService completion;
    private final JobProgressStore progress;
    private final ResultApplier applier;

    public ResultConsumer(ObjectMapper mapper, JobCompletionService completion, JobProgressStore progress,
                          ResultApplier applier) {
        this.mapper = mapper;
        this.completion = completion;
        this.progress = progress;
        this.applier = applier;
    }

    @Incoming("results")
    @Blocking
    public CompletionStage<Void> onResult(Message<?> message) {
        byte[] body = Payloads.bytes(message.getPayload());
        JobResult result;
        try {
            result = mapper.readValue(body, JobResult.class);
        } catch (IOException e) {
            LOG.errorf("Unreadable message on the result queue, discarded: %s (%s)", e.getMessage(),
                    Payloads.preview(body));
            return message.ack();
        }
        if (result.jobId() == null) {
            LOG.errorf("Result without jobId discarded: %s", Payloads.preview(body));
            return message.ack();
        }
        return applier.apply(message, "Result of job " + result.jobId(), result.jobId(),
                () -> completion.complete(result).ifPresent(progress::write));
    }
}

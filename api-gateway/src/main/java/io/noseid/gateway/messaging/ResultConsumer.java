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
import org.jboss.logging.MDC;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * Consumes the worker's answers. The final state is committed to MariaDB first, then mirrored into Redis; when
 * either fails the message is requeued, and the redelivery only re-mirrors a job that is already final.
 */
@ApplicationScoped
public class ResultConsumer {

    private static final Logger LOG = Logger.getLogger(ResultConsumer.class);

    private final ObjectMapper mapper;
    private final JobCompletionService completion;
    private final JobProgressStore progress;

    public ResultConsumer(ObjectMapper mapper, JobCompletionService completion, JobProgressStore progress) {
        this.mapper = mapper;
        this.completion = completion;
        this.progress = progress;
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
        MDC.put("jobId", result.jobId().toString());
        try {
            completion.complete(result).ifPresent(progress::write);
            return message.ack();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Result could not be applied; it will be redelivered");
            return Redelivery.later(message, e);
        } finally {
            MDC.remove("jobId");
        }
    }
}

package io.noseid.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.job.service.JobCompletionService;
import io.noseid.gateway.job.service.JobProgressStore;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobType;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Job messages redelivered more than {@code Topology.DELIVERY_LIMIT} times: their job fails with PROCESSING_FAILED.
 * Nothing here is dropped silently: what cannot be applied is logged as an error.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    private static final Logger LOG = Logger.getLogger(DeadLetterConsumer.class);

    private final ObjectMapper mapper;
    private final JobCompletionService completion;
    private final JobProgressStore progress;
    private final ResultApplier applier;

    public DeadLetterConsumer(ObjectMapper mapper, JobCompletionService completion, JobProgressStore progress,
                              ResultApplier applier) {
        this.mapper = mapper;
        this.completion = completion;
        this.progress = progress;
        this.applier = applier;
    }

    @Incoming("dead-letters")
    @Blocking
    public CompletionStage<Void> onDeadLetter(Message<?> message) {
        byte[] body = Payloads.bytes(message.getPayload());
        String reason = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(m -> m.getHeaders().get("x-first-death-reason"))
                .map(Objects::toString)
                .orElse("unknown");
        JobRequest request;
        try {
            request = mapper.readValue(body, JobRequest.class);
        } catch (IOException e) {
            LOG.errorf("Dead-lettered message is not a job request (reason %s), discarded: %s", reason,
                    Payloads.preview(body));
            return message.ack();
        }
        if (request.jobId() == null) {
            LOG.errorf("Dead-lettered job request without jobId (reason %s): %s", reason, Payloads.preview(body));
            return message.ack();
        }
        if (request.type() == JobType.REMOVAL) {
            LOG.errorf("REMOVAL of dog %s was dead-lettered (reason %s): the worker galleries may still hold its "
                    + "templates; identification results are filtered, but an operator should republish it",
                    request.dogId(), reason);
            return message.ack();
        }
        return applier.apply(message, "Dead letter of job " + request.jobId(), request.jobId(),
                () -> completion.deadLettered(request, reason).ifPresent(progress::write));
    }
}

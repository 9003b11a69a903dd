package io.noseid.gateway.support;

import com.rabbitmq.client.GetResponse;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.Outcome;
import io.noseid.shared.PhotoAssessment;
import io.noseid.shared.PhotoRef;
import io.noseid.shared.Queues;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plays the workers' part: taps the job queues (a private queue bound with each queue's routing key receives a copy
 * of every message the gateway publishes there), and answers on the result queue as a worker does.
 */
public final class SimulatedWorker implements AutoCloseable {

    private static final List<String> JOB_QUEUES = List.of(Queues.REGISTRATIONS, Queues.IDENTIFICATIONS,
            Queues.ADAPTATIONS);

    private final TestBroker broker;
    private final Map<String, String> taps = new HashMap<>();
    /** Messages taken from a tap while looking for another job's, by queue: nothing published is lost. */
    private final Map<String, List<GetResponse>> seen = new HashMap<>();

    public SimulatedWorker() throws IOException, TimeoutException {
        broker = new TestBroker();
        for (String queue : JOB_QUEUES) {
            taps.put(queue, broker.tap(queue));
            seen.put(queue, new ArrayList<>());
        }
    }

    /**
     * Waits for the job's message on the queue and checks it as a worker would receive it: persistent JSON on the
     * jobs exchange, routed with the queue's name, identified by the job id.
     */
    public JobRequest received(String queue, UUID jobId) {
        GetResponse message = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> find(queue, jobId), m -> m != null);
        assertEquals(2, message.getProps().getDeliveryMode(), "persistent");
        assertEquals("application/json", message.getProps().getContentType());
        assertEquals(jobId.toString(), message.getProps().getCorrelationId());
        assertEquals(queue, message.getEnvelope().getRoutingKey());
        assertEquals(Queues.JOBS_EXCHANGE, message.getEnvelope().getExchange());
        return read(message);
    }

    /** The messages of this job published on the queue so far. */
    public int count(String queue, UUID jobId) {
        drain(queue);
        return (int) seen.get(queue).stream()
                .filter(m -> jobId.toString().equals(m.getProps().getMessageId())).count();
    }

    /** The ids of every job published on the queue so far. */
    public List<UUID> jobIds(String queue) {
        drain(queue);
        return seen.get(queue).stream().map(m -> UUID.fromString(m.getProps().getMessageId())).toList();
    }

    public void answer(JobResult result) {
        try {
            broker.publishResult(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As RabbitMQ does after the delivery limit. */
    public void deadLetter(JobRequest request) {
        try {
            broker.publishDeadLetter(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a dog through the API, enrols it as a worker would and waits until the gateway stored it. */
    public String enrol(String phone, String dogName) {
        UUID job = Jobs.register(phone, dogName);
        JobRequest request = received(Queues.REGISTRATIONS, job);
        List<PhotoAssessment> photos = new ArrayList<>();
        for (PhotoRef ref : request.photos()) {
            photos.add(PhotoAssessment.accepted(ref.index(), List.of(10, 12, 30, 20), 0.93));
        }
        answer(JobResult.success(request, Outcome.REGISTERED, request.dogId(), null, List.of(), photos,
                "test-worker"));
        JsonPath end = Jobs.awaitEnd(job);
        assertEquals("REGISTERED", end.getString("result.outcome"));
        return end.getString("result.registrationNumber");
    }

    private GetResponse find(String queue, UUID jobId) {
        drain(queue);
        return seen.get(queue).stream().filter(m -> jobId.toString().equals(m.getProps().getMessageId()))
                .findFirst().orElse(null);
    }

    private void drain(String queue) {
        try {
            GetResponse message;
            while ((message = broker.get(taps.get(queue))) != null) {
                seen.get(queue).add(message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JobRequest read(GetResponse message) {
        try {
            return TestBroker.JSON.readValue(message.getBody(), JobRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException, TimeoutException {
        broker.close();
    }
}

package io.noseid.shared;

import java.util.Map;

/**
 * The RabbitMQ topology both services declare, with the exact same arguments (RabbitMQ refuses a redeclaration with
 * other arguments). All exchanges and queues are durable; messages are published persistent.
 *
 * <ul>
 *   <li>{@link Queues#JOBS_EXCHANGE} (direct) routes to {@link Queues#REGISTRATIONS} and
 *       {@link Queues#IDENTIFICATIONS}, routing key = queue name.</li>
 *   <li>Both job queues are quorum queues: a message redelivered more than {@link #DELIVERY_LIMIT} times without an ack
 *       (worker crash, processing error) is dead-lettered to {@link Queues#DEAD_LETTER_EXCHANGE} (fanout) and lands in
 *       {@link Queues#DEAD_LETTERS}, which the gateway consumes to mark the job FAILED.</li>
 *   <li>{@link Queues#REGISTRATIONS} has a single active consumer: gallery writes are serialised over all workers.</li>
 *   <li>{@link Queues#RESULTS_EXCHANGE} (direct) routes to {@link Queues#RESULTS}, routing key = queue name.</li>
 *   <li>{@link Queues#GALLERY_EVENTS_EXCHANGE} (fanout): each worker binds its own exclusive, auto-delete queue.</li>
 * </ul>
 */
public final class Topology {

    /** Redeliveries before a job message is dead-lettered: a crash mid-job is retried, a poison message not forever. */
    public static final int DELIVERY_LIMIT = 3;

    private Topology() {
    }

    public static Map<String, Object> registrationQueueArguments() {
        return Map.of(
                "x-queue-type", "quorum",
                "x-single-active-consumer", true,
                "x-delivery-limit", DELIVERY_LIMIT,
                "x-dead-letter-exchange", Queues.DEAD_LETTER_EXCHANGE);
    }

    public static Map<String, Object> identificationQueueArguments() {
        return Map.of(
                "x-queue-type", "quorum",
                "x-delivery-limit", DELIVERY_LIMIT,
                "x-dead-letter-exchange", Queues.DEAD_LETTER_EXCHANGE);
    }

    public static Map<String, Object> resultQueueArguments() {
        return Map.of("x-queue-type", "quorum");
    }

    public static Map<String, Object> deadLetterQueueArguments() {
        return Map.of("x-queue-type", "quorum");
    }
}

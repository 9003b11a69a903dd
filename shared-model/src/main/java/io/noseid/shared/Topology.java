package io.noseid.shared;

import java.util.List;
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

    /** A durable exchange; {@code type} is the AMQP exchange type ({@code direct}, {@code fanout}). */
    public record Exchange(String name, String type) {
    }

    /** A durable queue with its arguments and its one binding. */
    public record DurableQueue(String name, Map<String, Object> arguments, String exchange, String routingKey) {
    }

    public static List<Exchange> exchanges() {
        return List.of(
                new Exchange(Queues.JOBS_EXCHANGE, "direct"),
                new Exchange(Queues.RESULTS_EXCHANGE, "direct"),
                new Exchange(Queues.DEAD_LETTER_EXCHANGE, "fanout"),
                new Exchange(Queues.GALLERY_EVENTS_EXCHANGE, "fanout"));
    }

    /** In declaration order: the dead-letter queue exists before any queue can dead-letter into it. */
    public static List<DurableQueue> queues() {
        return List.of(
                new DurableQueue(Queues.DEAD_LETTERS, deadLetterQueueArguments(), Queues.DEAD_LETTER_EXCHANGE, ""),
                new DurableQueue(Queues.REGISTRATIONS, registrationQueueArguments(), Queues.JOBS_EXCHANGE,
                        Queues.REGISTRATIONS),
                new DurableQueue(Queues.IDENTIFICATIONS, identificationQueueArguments(), Queues.JOBS_EXCHANGE,
                        Queues.IDENTIFICATIONS),
                new DurableQueue(Queues.RESULTS, resultQueueArguments(), Queues.RESULTS_EXCHANGE, Queues.RESULTS));
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

package io.noseid.shared;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

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
 *   <li>{@link Queues#REGISTRATIONS} has a single active consumer: gallery writes are serialised over all workers.
 *       {@link Queues#ADAPTATIONS} (same arguments) runs one matcher adaptation at a time, beside them.</li>
 *   <li>{@link Queues#RESULTS_EXCHANGE} (direct) routes to {@link Queues#RESULTS}, routing key = queue name.</li>
 *   <li>{@link Queues#GALLERY_EVENTS_EXCHANGE} (fanout): each worker binds its own exclusive, auto-delete queue.</li>
 * </ul>
 */
public final class Topology {

    /** Redeliveries before a job message is dead-lettered: a crash mid-job is retried, a poison message not forever. */
    public static final int DELIVERY_LIMIT = 3;

    private static final System.Logger LOG = System.getLogger(Topology.class.getName());

    private Topology() {
    }

    /** Where a service's RabbitMQ is. */
    public record Broker(String host, int port, String username, String password, String virtualHost) {

        /** From the services' {@code rabbitmq-*} configuration properties, with the connector's defaults. */
        public static Broker of(Function<String, Optional<String>> property) {
            return new Broker(property.apply("rabbitmq-host").orElse("localhost"),
                    Integer.parseInt(property.apply("rabbitmq-port").orElse("5672")),
                    property.apply("rabbitmq-username").orElse("guest"),
                    property.apply("rabbitmq-password").orElse("guest"),
                    property.apply("rabbitmq-virtual-host").orElse("/"));
        }

        /** Host, port and virtual host: what a log line may say. */
        @Override
        public String toString() {
            return host + ":" + port + " vhost " + virtualHost;
        }
    }

    /**
     * What both services do at startup, before their messaging channels start: declares the whole topology on the
     * broker their {@code rabbitmq-*} configuration names ({@link Broker#of}), on a connection of its own named
     * {@code connectionName} in the broker's UI, and logs where.
     */
    public static void declareFromConfig(Function<String, Optional<String>> property, String connectionName)
            throws IOException, TimeoutException {
        Broker broker = Broker.of(property);
        declare(broker, connectionName);
        LOG.log(System.Logger.Level.INFO, "RabbitMQ topology declared on " + broker);
    }

    private static void declare(Broker broker, String connectionName) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        try (Connection connection = factory.newConnection(connectionName);
             Channel channel = connection.createChannel()) {
            declare(channel);
        }
    }

    /** Declares every exchange, then every queue with its arguments and binding (idempotent). */
    public static void declare(Channel channel) throws IOException {
        for (Exchange exchange : exchanges()) {
            channel.exchangeDeclare(exchange.name(), exchange.type(), true);
        }
        for (DurableQueue queue : queues()) {
            channel.queueDeclare(queue.name(), true, false, false, queue.arguments());
            channel.queueBind(queue.name(), queue.exchange(), queue.routingKey());
        }
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
                new DurableQueue(Queues.ADAPTATIONS, registrationQueueArguments(), Queues.JOBS_EXCHANGE,
                        Queues.ADAPTATIONS),
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

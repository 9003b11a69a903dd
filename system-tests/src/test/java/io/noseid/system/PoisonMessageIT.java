package io.noseid.system;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.noseid.shared.Topology;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job message the worker can never process is retried up to the queue's delivery limit, then dead-lettered, and
 * its job ends FAILED with a reason: never retried forever, never dropped silently.
 */
class PoisonMessageIT {

    @Test
    void aJobThatAlwaysFailsIsDeadLetteredAndMarkedFailed() throws Exception {
        try (NoseIdStack stack = NoseIdStack.start(0, Map.of("NOSEID_WORKER_DETECTOR_ENABLED", "false"))) {
            NoseIdClient client = new NoseIdClient(stack.baseUrl(), NoseIdStack.CLIENT_KEY);
            String jobId = client.register(new SyntheticNoses(3L).photos(1, 0, 5),
                    new NoseIdClient.Owner("Yoon Dahye", "010-3131-4141"), "Poison");

            // No worker runs yet: swap the queued message for a corrupted copy (a registration without its dog id,
            // as a faulty producer might send).
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setVirtualHost(stack.virtualHost());
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                // Quorum queues have no basic.get: take the message as a consumer.
                BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
                channel.basicQos(1);
                String tag = channel.basicConsume("noseid.registrations", false, (consumerTag, delivery) ->
                        deliveries.add(delivery), consumerTag -> { });
                Delivery queued = deliveries.poll(30, TimeUnit.SECONDS);
                assertNotNull(queued, "the registration should be waiting in its queue");
                channel.basicAck(queued.getEnvelope().getDeliveryTag(), false);
                channel.basicCancel(tag);
                String body = new String(queued.getBody(), StandardCharsets.UTF_8);
                String corrupted = body.replaceFirst("\"dogId\":\"[^\"]+\"", "\"dogId\":null");
                assertTrue(corrupted.contains(jobId) && !corrupted.equals(body), body);
                channel.confirmSelect();
                channel.basicPublish("noseid.jobs", "noseid.registrations",
                        new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(),
                        corrupted.getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
            }

            NoseIdStack.ServiceProcess worker = stack.startWorker();
            JsonPath failed = client.awaitEnded(jobId, Duration.ofMinutes(2));
            assertEquals("FAILED", failed.getString("status"), failed::prettify);
            assertEquals("PROCESSING_FAILED", failed.getString("error.code"));
            assertNotNull(failed.getString("error.detail"));
            // A quorum queue dead-letters a message once its redeliveries exceed the limit: first delivery + limit.
            int attempts = Topology.DELIVERY_LIMIT + 1;
            assertEquals(attempts, worker.log().split("job failed; it will be retried", -1).length - 1,
                    () -> attempts + " deliveries, then the dead-letter queue:\n" + worker.tail());
        }
    }
}

package io.noseid.gateway.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.noseid.gateway.support.TestBroker;
import io.noseid.shared.Queues;
import io.noseid.shared.Topology;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queues the gateway declared at startup carry exactly the shared arguments: RabbitMQ accepts a redeclaration
 * only with identical arguments, which is what the worker does.
 */
@QuarkusTest
class TopologyTest {

    @Test
    void redeclaringWithTheSharedArgumentsIsAccepted() throws Exception {
        try (TestBroker broker = new TestBroker()) {
            Topology.declare(broker.channel());
            assertTrue(broker.channel().isOpen());
        }
    }

    @Test
    void anyOtherArgumentsAreRefused() throws Exception {
        try (TestBroker broker = new TestBroker()) {
            Channel channel = broker.channel();
            Map<String, Object> other = new HashMap<>(Topology.registrationQueueArguments());
            other.put("x-delivery-limit", Topology.DELIVERY_LIMIT + 1);
            IOException refused = assertThrows(IOException.class,
                    () -> channel.queueDeclare(Queues.REGISTRATIONS, true, false, false, other));
            assertTrue(refused.getCause() instanceof ShutdownSignalException);
            assertTrue(refused.getCause().getMessage().contains("PRECONDITION_FAILED"), refused.getCause().getMessage());
        }
    }

    @Test
    void exchangesAndDeadLetterQueueExist() throws Exception {
        try (TestBroker broker = new TestBroker()) {
            Channel channel = broker.channel();
            // passive declarations fail when the entity is missing
            channel.exchangeDeclarePassive(Queues.DEAD_LETTER_EXCHANGE);
            channel.exchangeDeclarePassive(Queues.JOBS_EXCHANGE);
            channel.exchangeDeclarePassive(Queues.RESULTS_EXCHANGE);
            assertEquals(Queues.DEAD_LETTERS, channel.queueDeclarePassive(Queues.DEAD_LETTERS).getQueue());
        }
    }
}

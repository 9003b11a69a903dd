package io.noseid.worker.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.noseid.shared.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Declares the shared topology before the messaging channels start (they run at LIBRARY_BEFORE), so that a job
 * published by the gateway before any worker ever ran is queued, and the dead-letter path exists before the first
 * delivery can fail. The gateway declares the same topology with the same arguments.
 */
@ApplicationScoped
public class RabbitTopology {

    private static final Logger LOG = Logger.getLogger(RabbitTopology.class);

    @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost")
    String host;
    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;
    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;
    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;
    @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
    String virtualHost;

    void declareOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        try (Connection connection = factory.newConnection("noseid-worker-topology");
             Channel channel = connection.createChannel()) {
            declare(channel);
        }
        LOG.infof("RabbitMQ topology declared on %s:%d vhost %s", host, port, virtualHost);
    }

    static void declare(Channel channel) throws java.io.IOException {
        for (Topology.Exchange exchange : Topology.exchanges()) {
            channel.exchangeDeclare(exchange.name(), exchange.type(), true);
        }
        for (Topology.DurableQueue queue : Topology.queues()) {
            channel.queueDeclare(queue.name(), true, false, false, queue.arguments());
            channel.queueBind(queue.name(), queue.exchange(), queue.routingKey());
        }
    }
}

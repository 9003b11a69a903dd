package io.noseid.gateway.messaging;

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

import java.io.IOException;

/**
 * Declares the shared topology with the exact arguments of {@link Topology} before the messaging channels start
 * (they start at LIBRARY_BEFORE), so that nothing is published to a missing queue and the consumers find their
 * queues. The connector itself is configured never to declare anything (it would add its own arguments).
 */
@ApplicationScoped
public class TopologyDeclarer {

    private static final Logger LOG = Logger.getLogger(TopologyDeclarer.class);

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

    void declareOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        try (Connection connection = factory.newConnection("noseid-gateway-topology");
             Channel channel = connection.createChannel()) {
            declare(channel);
        }
        LOG.infof("RabbitMQ topology declared on %s:%d vhost %s", host, port, virtualHost);
    }

    public static void declare(Channel channel) throws IOException {
        for (Topology.Exchange exchange : Topology.exchanges()) {
            channel.exchangeDeclare(exchange.name(), exchange.type(), true);
        }
        for (Topology.DurableQueue queue : Topology.queues()) {
            channel.queueDeclare(queue.name(), true, false, false, queue.arguments());
            channel.queueBind(queue.name(), queue.exchange(), queue.routingKey());
        }
    }
}

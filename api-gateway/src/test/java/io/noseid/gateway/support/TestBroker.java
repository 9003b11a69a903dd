package io.noseid.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.Queues;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/** A plain AMQP client playing the worker's part in tests: no worker runs during the gateway's tests. */
public final class TestBroker implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Connection connection;
    private final Channel channel;

    public TestBroker() throws IOException, TimeoutException {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(config.getValue("rabbitmq-virtual-host", String.class));
        connection = factory.newConnection("noseid-gateway-test");
        channel = connection.createChannel();
    }

    public Channel channel() {
        return channel;
    }

    public void publishResult(JobResult result) throws IOException {
        channel.basicPublish(Queues.RESULTS_EXCHANGE, Queues.RESULTS, json(result.jobId().toString()),
                JSON.writeValueAsBytes(result));
    }

    /** As RabbitMQ does after the delivery limit: the original body on the dead-letter fanout exchange. */
    public void publishDeadLetter(JobRequest request) throws IOException {
        channel.basicPublish(Queues.DEAD_LETTER_EXCHANGE, "", json(request.jobId().toString()),
                JSON.writeValueAsBytes(request));
    }

    /** A private queue that receives a copy of everything routed with this key on the jobs exchange. */
    public String tap(String routingKey) throws IOException {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, Queues.JOBS_EXCHANGE, routingKey);
        return queue;
    }

    public GetResponse get(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    public static String body(GetResponse response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }

    private static AMQP.BasicProperties json(String id) {
        return new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                .messageId(id).correlationId(id).build();
    }

    @Override
    public void close() throws IOException, TimeoutException {
        connection.close();
    }
}

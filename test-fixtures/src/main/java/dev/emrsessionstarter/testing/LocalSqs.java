package dev.emrsessionstarter.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS API in this process (ElasticMQ on a free loopback port) and an SDK client for it. Redrive to a dead-letter
 * queue, visibility timeouts, receive counts and FIFO message groups behave as in SQS.
 *
 * <pre>{@code
 * try (LocalSqs sqs = LocalSqs.start()) {
 *     SqsQueue queue = sqs.createQueue(QueueSettings.standard("requests").maxReceiveCount(3));
 *     queue.send("{...}");
 *     EventSourceMapping.builder(queue).build().drain(handler::handleRequest, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class LocalSqs implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, URI endpoint, SqsClient client) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = client;
    }

    /** Starts ElasticMQ on 127.0.0.1; queue ARNs name {@value #REGION} and account {@value #ACCOUNT_ID}. */
    public static LocalSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                .withAWSRegion(REGION).withAWSAccountId(ACCOUNT_ID).start();
        int port = server.waitUntilStarted().localAddress().getPort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        SqsClient client = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLOCALSQS", "local-sqs-secret")))
                .build();
        return new LocalSqs(server, endpoint, client);
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    /** Creates the queue and its dead-letter queue ({@code NAME-dlq}, FIFO when the queue is), wired by a redrive policy. */
    public SqsQueue createQueue(QueueSettings settings) {
        String suffix = settings.fifo() ? ".fifo" : "";
        Map<QueueAttributeName, String> deadLetterAttributes = new HashMap<>();
        if (settings.fifo()) {
            deadLetterAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String deadLetterUrl = client.createQueue(request -> request.queueName(settings.name() + "-dlq" + suffix)
                .attributes(deadLetterAttributes)).queueUrl();
        String deadLetterArn = arnOf(deadLetterUrl);

        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(settings.visibilityTimeout().toSeconds()));
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                + "\",\"maxReceiveCount\":\"" + settings.maxReceiveCount() + "\"}");
        if (settings.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String url = client.createQueue(request -> request.queueName(settings.name() + suffix).attributes(attributes))
                .queueUrl();
        return new SqsQueue(client, settings, url, arnOf(url), deadLetterUrl, deadLetterArn);
    }

    private String arnOf(String queueUrl) {
        return client.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}

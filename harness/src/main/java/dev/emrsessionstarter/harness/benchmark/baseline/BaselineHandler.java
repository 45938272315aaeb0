package dev.emrsessionstarter.harness.benchmark.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionResponse;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The benchmarks' yardstick: the least an SQS-triggered Lambda can do for the same work. One StartSession per message
 * (the generated client, the message id as client token) and one PutEvents for the batch, with the same HTTP client
 * and SDK settings as the function, and nothing else: no parsing, validation, logging, metrics or concurrency. It
 * runs from a task root with only the SDK's jars, so what it costs is what the two SDK calls cost.
 */
public final class BaselineHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final String APPLICATION_ID = "00fkabc123xyz";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/EmrSessionRole";

    private final EmrServerlessClient emr;
    private final EventBridgeClient events;

    public BaselineHandler() {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        emr = EmrServerlessClient.builder().httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        events = EventBridgeClient.builder().httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            StartSessionResponse session = emr.startSession(request -> request.applicationId(APPLICATION_ID)
                    .executionRoleArn(ROLE_ARN).clientToken(message.getMessageId()));
            entries.add(PutEventsRequestEntry.builder().eventBusName("default").source("baseline")
                    .detailType("EMR Serverless Session Started")
                    .detail("{\"sessionId\":\"" + session.sessionId() + "\"}").build());
        }
        events.putEvents(request -> request.entries(entries));
        return new SQSBatchResponse(List.of());
    }
}

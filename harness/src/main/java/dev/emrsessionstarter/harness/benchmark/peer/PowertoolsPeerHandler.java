package dev.emrsessionstarter.harness.benchmark.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The peer: what a team would write for the same job by following Powertools' documentation, and what users would
 * compare the function with. An SQS handler (the runtime's POJO event binding) with Powertools' JSON logging over
 * Log4j 2 ({@code log4j2.xml} with the JSON template layout and {@code LambdaJsonLayout.json}, as Powertools' logging
 * page shows), embedded-metric-format metrics through {@code MetricsFactory} (the cold-start metric, one metric per
 * record, one flush per invocation), a log line per record, and the baseline's two SDK calls: StartSession per message
 * (the message id as client token) and one PutEvents per batch. No parsing, validation or concurrency.
 */
public final class PowertoolsPeerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(PowertoolsPeerHandler.class);
    private static final String APPLICATION_ID = "00fkabc123xyz";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/EmrSessionRole";

    private final Metrics metrics = MetricsFactory.getMetricsInstance();
    private final EmrServerlessClient emr;
    private final EventBridgeClient events;

    public PowertoolsPeerHandler() {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        emr = EmrServerlessClient.builder().httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        events = EventBridgeClient.builder().httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        metrics.captureColdStartMetric(context);
        try {
            return PowertoolsLogging.withLogging(context, () -> startSessions(event));
        } finally {
            metrics.flush();
        }
    }

    private SQSBatchResponse startSessions(SQSEvent event) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            LOG.info("Starting a session for message {}", message.getMessageId());
            StartSessionResponse session = emr.startSession(request -> request.applicationId(APPLICATION_ID)
                    .executionRoleArn(ROLE_ARN).clientToken(message.getMessageId()));
            metrics.addMetric("SessionsStarted", 1, MetricUnit.COUNT);
            entries.add(PutEventsRequestEntry.builder().eventBusName("default").source("peer")
                    .detailType("EMR Serverless Session Started")
                    .detail("{\"sessionId\":\"" + session.sessionId() + "\"}").build());
        }
        events.putEvents(request -> request.entries(entries));
        return new SQSBatchResponse(List.of());
    }
}

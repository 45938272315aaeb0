package dev.emrsessionstarter.harness.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** SQS event source mapping batches of valid session requests, each message new (a new session, a new token). */
final class SqsBatches {

    private SqsBatches() {
    }

    static byte[] of(int messages) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < messages; i++) {
            String id = UUID.randomUUID().toString();
            String body = "{\\\"applicationId\\\":\\\"00fkabc123xyz\\\",\\\"executionRoleArn\\\":"
                    + "\\\"arn:aws:iam::123456789012:role/EmrSessionRole\\\",\\\"name\\\":\\\"bench-" + i
                    + "\\\",\\\"idleTimeoutMinutes\\\":60,\\\"tags\\\":{\\\"team\\\":\\\"analytics\\\"}}";
            json.append(i == 0 ? "" : ",").append("{\"messageId\":\"").append(id)
                    .append("\",\"receiptHandle\":\"AQEB").append(id).append("\",\"body\":\"").append(body)
                    .append("\",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"").append(now)
                    .append("\",\"SenderId\":\"AIDAEXAMPLE\",\"ApproximateFirstReceiveTimestamp\":\"").append(now)
                    .append("\"},\"messageAttributes\":{},\"md5OfBody\":\"0\",\"eventSource\":\"aws:sqs\","
                            + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:123456789012:session-requests\","
                            + "\"awsRegion\":\"us-east-1\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}

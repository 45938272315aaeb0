package dev.emrsessionstarter.harness.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** SQS event source mapping batches of valid session requests, each message new (a new session, a new token). */
final class SqsBatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsBatches() {
    }

    /** A first delivery of each body, from the given queue, as the event source mapping sends it. */
    static byte[] of(List<String> bodies, String queueArn) {
        ObjectNode payload = JSON.createObjectNode();
        ArrayNode records = payload.putArray("Records");
        String now = Long.toString(System.currentTimeMillis());
        for (String body : bodies) {
            String id = UUID.randomUUID().toString();
            ObjectNode record = records.addObject().put("messageId", id).put("receiptHandle", "AQEB" + id)
                    .put("body", body);
            record.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", now)
                    .put("SenderId", "AIDAEXAMPLE").put("ApproximateFirstReceiveTimestamp", now);
            record.putObject("messageAttributes");
            record.put("md5OfBody", "0").put("eventSource", "aws:sqs").put("eventSourceARN", queueArn)
                    .put("awsRegion", "us-east-1");
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
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

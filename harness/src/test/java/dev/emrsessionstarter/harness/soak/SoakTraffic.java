package dev.emrsessionstarter.harness.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.harness.soak.PlannedRequest.Kind;
import dev.emrsessionstarter.harness.soak.PlannedRequest.TaskFate;
import dev.emrsessionstarter.harness.soak.PlannedRequest.TaskPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The messages producers put on the queue in a soak run, in sending order: valid requests (plain, keyed, wrapped in an
 * EventBridge event or an SNS notification, some sent twice) and invalid or refused ones, every one carrying a
 * planted secret. A share carries the token of a Step Functions task waiting for the session.
 */
final class SoakTraffic {

    static final String MAIN_APPLICATION = "00fkabc123xyz";
    static final String QUOTA_APPLICATION = "00fkquota0soak";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/EmrSessionRole";
    /** Every planted secret starts and ends with this, so a leak of any part of one is found by a plain search. */
    static final String SECRET_MARKER = "SoakSecret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Kind[] VALID_KINDS = {Kind.PLAIN, Kind.PLAIN, Kind.PLAIN, Kind.PLAIN, Kind.KEYED,
            Kind.IN_EVENTBRIDGE_ENVELOPE, Kind.IN_SNS_NOTIFICATION};
    private static final Kind[] INVALID_KINDS = {Kind.NOT_JSON, Kind.JSON_ARRAY, Kind.UNKNOWN_FIELD, Kind.OUT_OF_RANGE,
            Kind.WRONG_TYPES, Kind.DUPLICATE_KEY, Kind.OVERLONG_SECRET, Kind.TOO_DEEP, Kind.ENVELOPE_WITHOUT_DETAIL,
            Kind.ROLE_NOT_ALLOWED, Kind.APPLICATION_NOT_ALLOWED};
    /** The invalid kinds whose task token the function can still read: a JSON object with a well-formed token. */
    static final Set<Kind> TASK_READABLE_WHEN_INVALID = EnumSet.of(Kind.UNKNOWN_FIELD, Kind.OUT_OF_RANGE,
            Kind.WRONG_TYPES, Kind.OVERLONG_SECRET, Kind.ROLE_NOT_ALLOWED, Kind.APPLICATION_NOT_ALLOWED);
    /** A closed task is closed up to this long (emulated) after its request was acknowledged. */
    static final Duration LONGEST_CLOSE_AFTER = Duration.ofSeconds(60);

    private final SoakPlan plan;
    private final Random random;
    /** Apart from the traffic's own draws, so the traffic of a seed does not change with the task share. */
    private final Random tasks;
    private final Supplier<String> issueTaskToken;

    private SoakTraffic(SoakPlan plan, Supplier<String> issueTaskToken) {
        this.plan = plan;
        this.random = new Random(plan.seed());
        this.tasks = new Random(plan.seed() + 5);
        this.issueTaskToken = issueTaskToken;
    }

    /**
     * One entry per message to send; a request sent twice appears twice.
     *
     * @param issueTaskToken issues the token of a new waiting task (the Step Functions emulator's)
     */
    static List<PlannedRequest> messages(SoakPlan plan, Supplier<String> issueTaskToken) {
        return new SoakTraffic(plan, issueTaskToken).generate();
    }

    private List<PlannedRequest> generate() {
        List<PlannedRequest> messages = new ArrayList<>();
        for (int number = 1; number <= plan.requests(); number++) {
            PlannedRequest request = random.nextDouble() < plan.invalidShare()
                    ? invalid(number, INVALID_KINDS[random.nextInt(INVALID_KINDS.length)])
                    : random.nextDouble() < plan.duplicateShare()
                            ? valid(number, Kind.SENT_TWICE)
                            : valid(number, VALID_KINDS[random.nextInt(VALID_KINDS.length)]);
            messages.add(request);
            if (request.kind() == Kind.SENT_TWICE) {
                messages.add(request);
            }
        }
        Collections.shuffle(messages, random);
        return messages;
    }

    private PlannedRequest valid(int number, Kind kind) {
        String application = random.nextDouble() < plan.quotaShare() ? QUOTA_APPLICATION : MAIN_APPLICATION;
        String secret = secret(number);
        ObjectNode request = request(number, application, secret);
        String taskToken = taskToken(request);
        TaskPlan task = taskPlan(taskToken);
        return switch (kind) {
            case PLAIN -> new PlannedRequest(number, kind, request.toString(), null, application, secret, taskToken,
                    task);
            case KEYED, SENT_TWICE -> {
                String key = "soak-" + plan.seed() + "-key-" + number;
                request.put("idempotencyKey", key);
                yield new PlannedRequest(number, kind, request.toString(), key, application, secret, taskToken, task);
            }
            case IN_EVENTBRIDGE_ENVELOPE -> {
                String eventId = "soak-" + plan.seed() + "-event-" + number;
                yield new PlannedRequest(number, kind, eventBridgeEvent(eventId, request).toString(), eventId,
                        application, secret, taskToken, task);
            }
            case IN_SNS_NOTIFICATION -> {
                String snsId = "soak-" + plan.seed() + "-sns-" + number;
                ObjectNode notification = JSON.createObjectNode().put("Type", "Notification")
                        .put("MessageId", snsId).put("TopicArn", "arn:aws:sns:us-east-1:123456789012:session-requests")
                        .put("Message", request.toString()).put("Timestamp", "2026-11-24T00:00:00.000Z");
                yield new PlannedRequest(number, kind, notification.toString(), snsId, application, secret, taskToken,
                        task);
            }
            default -> throw new IllegalArgumentException("not a valid kind: " + kind);
        };
    }

    private PlannedRequest invalid(int number, Kind kind) {
        String secret = secret(number);
        ObjectNode request = request(number, MAIN_APPLICATION, secret);
        String taskToken = TASK_READABLE_WHEN_INVALID.contains(kind) ? taskToken(request) : null;
        String eventId = null;
        String body = switch (kind) {
            case NOT_JSON -> "spark.hadoop.fs.s3a.secret.key=" + secret + " is not JSON";
            case JSON_ARRAY -> "[" + request + "]";
            case UNKNOWN_FIELD -> request.put("idleTimeoutMinute", 5).toString();
            case OUT_OF_RANGE -> request.put("idleTimeoutMinutes", 2_000_000).toString();
            case WRONG_TYPES -> {
                request.put("name", 42);
                request.putArray("tags").add("team");
                yield request.toString();
            }
            case DUPLICATE_KEY -> "{\"name\":\"first\"," + request.toString().substring(1);
            case OVERLONG_SECRET -> {
                properties(request).put("spark.hadoop.fs.s3a.secret.key", secret + "-" + "x".repeat(1100) + secret);
                yield request.toString();
            }
            case TOO_DEEP -> {
                ArrayNode deep = ((ObjectNode) request.get("tags")).putArray("deep");
                for (int level = 0; level < 100; level++) {
                    deep = deep.addArray();
                }
                yield request.toString();
            }
            case ENVELOPE_WITHOUT_DETAIL -> {
                eventId = "soak-" + plan.seed() + "-event-" + number;
                ObjectNode event = eventBridgeEvent(eventId, request);
                event.remove("detail");
                event.put("note", secret);
                yield event.toString();
            }
            case ROLE_NOT_ALLOWED -> request.put("executionRoleArn", "arn:aws:iam::210987654321:role/EmrSessionRole")
                    .toString();
            case APPLICATION_NOT_ALLOWED -> request.put("applicationId", "00fknotallowed").toString();
            default -> throw new IllegalArgumentException("not an invalid kind: " + kind);
        };
        return new PlannedRequest(number, kind, body, eventId, null, secret, taskToken, TaskPlan.NONE);
    }

    /** With the plan's task share, issues a task token and puts it in the request; null otherwise. */
    private String taskToken(ObjectNode request) {
        if (tasks.nextDouble() >= plan.taskShare()) {
            return null;
        }
        String token = issueTaskToken.get();
        request.put("taskToken", token);
        return token;
    }

    private TaskPlan taskPlan(String taskToken) {
        if (taskToken == null || tasks.nextDouble() >= plan.taskCloseShare()) {
            return TaskPlan.NONE;
        }
        TaskFate fate = tasks.nextBoolean() ? TaskFate.STOPPED : TaskFate.EXPIRED;
        return new TaskPlan(fate, Duration.ofMillis((long) (tasks.nextDouble() * LONGEST_CLOSE_AFTER.toMillis())));
    }

    /** A valid request whose {@code soakRequest} tag names it; the quota application's sessions idle out in a minute. */
    private static ObjectNode request(int number, String application, String secret) {
        ObjectNode request = JSON.createObjectNode();
        request.put("applicationId", application);
        request.put("executionRoleArn", ROLE_ARN);
        request.put("name", "soak-" + number);
        request.put("idleTimeoutMinutes", application.equals(QUOTA_APPLICATION) ? 1 : 60);
        request.putObject("configurationOverrides").putArray("runtimeConfiguration").addObject()
                .put("classification", "spark-defaults")
                .putObject("properties").put("spark.executor.memory", "4g")
                .put("spark.hadoop.fs.s3a.secret.key", secret);
        request.putObject("tags").put("soakRequest", Integer.toString(number));
        return request;
    }

    private static ObjectNode properties(ObjectNode request) {
        return (ObjectNode) request.get("configurationOverrides").get("runtimeConfiguration").get(0).get("properties");
    }

    private static ObjectNode eventBridgeEvent(String id, ObjectNode detail) {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", id)
                .put("detail-type", "Session Request").put("source", "producer.app")
                .put("account", "123456789012").put("time", "2026-11-24T00:00:00Z").put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", detail);
        return event;
    }

    private String secret(int number) {
        return SECRET_MARKER + "-" + plan.seed() + "-" + number + "-" + Long.toHexString(random.nextLong())
                + "-" + SECRET_MARKER;
    }
}

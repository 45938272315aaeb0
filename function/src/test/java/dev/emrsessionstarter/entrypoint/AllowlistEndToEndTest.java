package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A producer cannot make the function pass a role or target an application outside the deployment's allowlists,
 * whatever the spelling, on any trigger: no StartSession call reaches EMR Serverless, and the failure event says why.
 *
 * <p>The allowlists are the test settings': applications {@code 00fkabc123xyz} and {@code 00fkother*}; roles
 * {@code arn:aws:iam::123456789012:role/EmrSessionRole} and {@code arn:aws:iam::123456789012:role/emr/*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowlistEndToEndTest {

    private static final String NOT_ALLOWED = "SessionRequestNotAllowed";
    private static final String INVALID = "InvalidSessionRequest";
    private static final String ROLE = "executionRoleArn";
    private static final String APPLICATION = "applicationId";

    private final FunctionFixture function = FunctionFixture.start();
    private final AtomicInteger invocations = new AtomicInteger();
    private final SqsSessionRequestHandler sqsHandler = function.sqsHandler();
    private final EventBridgeSessionRequestHandler eventBridgeHandler = function.eventBridgeHandler();
    private final DirectSessionRequestHandler directHandler = function.directHandler();

    @AfterAll
    void stop() {
        function.close();
    }

    /** How a request reaches the function. */
    enum Route {
        SQS, SQS_EVENTBRIDGE_ENVELOPE, SQS_SNS_NOTIFICATION, EVENTBRIDGE_RULE, DIRECT
    }

    static Stream<Arguments> spellings() {
        List<Arguments> cases = new ArrayList<>();
        // Roles: well-formed but not listed.
        role(cases, "arn:aws:iam::123456789012:role/emrsessionrole", NOT_ALLOWED);
        role(cases, "arn:aws-cn:iam::123456789012:role/EmrSessionRole", NOT_ALLOWED);
        role(cases, "arn:aws-us-gov:iam::123456789012:role/EmrSessionRole", NOT_ALLOWED);
        role(cases, "arn:aws-iso:iam::123456789012:role/EmrSessionRole", NOT_ALLOWED);
        role(cases, "arn:aws:iam::210987654321:role/EmrSessionRole", NOT_ALLOWED);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessionRoleAdmin", NOT_ALLOWED);
        role(cases, "arn:aws:iam::123456789012:role/x/../EmrSessionRole", NOT_ALLOWED);
        role(cases, "arn:aws:iam::123456789012:role/./EmrSessionRole", NOT_ALLOWED);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessionRole/../Admin", NOT_ALLOWED);
        // The wildcard entry role/emr/* without its separator, or in another account.
        role(cases, "arn:aws:iam::123456789012:role/emr", NOT_ALLOWED);
        role(cases, "arn:aws:iam::123456789012:role/emr-admin", NOT_ALLOWED);
        role(cases, "arn:aws:iam::123456789012:role/emrAdmin", NOT_ALLOWED);
        role(cases, "arn:aws:iam::210987654321:role/emr/analytics", NOT_ALLOWED);
        // Roles: not even well-formed.
        role(cases, "ARN:AWS:IAM::123456789012:ROLE/EmrSessionRole", INVALID);
        role(cases, " arn:aws:iam::123456789012:role/EmrSessionRole", INVALID);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessionRole ", INVALID);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessionRole\n", INVALID);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessionRole\u0000", INVALID);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessionRole\u200b", INVALID);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessi\u043enRole", INVALID);
        role(cases, "\u0430rn:aws:iam::123456789012:role/EmrSessionRole", INVALID);
        role(cases, "arn:aws:iam::\uff11\uff12\uff13456789012:role/EmrSessionRole", INVALID);
        role(cases, "arn:aws:iam::123456789012:role/EmrSessionRole/", INVALID);
        role(cases, "arn:aws:iam::123456789012:role/*", INVALID);
        role(cases, "arn:aws:iam::123456789012:user/EmrSessionRole", INVALID);
        // Applications.
        application(cases, "00fkabc123xy", NOT_ALLOWED);
        application(cases, "00fkabc123xyzz", NOT_ALLOWED);
        application(cases, "00fkothe", NOT_ALLOWED);
        application(cases, "x00fkother1", NOT_ALLOWED);
        application(cases, "00FKABC123XYZ", INVALID);
        application(cases, " 00fkabc123xyz", INVALID);
        application(cases, "00fkabc123xyz\n", INVALID);
        application(cases, "00fkabc123xyz\u0000", INVALID);
        application(cases, "00fk\u0430bc123xyz", INVALID);
        application(cases, "\uff10\uff10fkabc123xyz", INVALID);
        application(cases, "00fkother*", INVALID);
        application(cases, "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00fkabc123xyz", INVALID);
        return cases.stream();
    }

    private static void role(List<Arguments> cases, String value, String code) {
        for (Route route : Route.values()) {
            cases.add(Arguments.of(route, ROLE, value, code));
        }
    }

    private static void application(List<Arguments> cases, String value, String code) {
        for (Route route : Route.values()) {
            cases.add(Arguments.of(route, APPLICATION, value, code));
        }
    }

    @ParameterizedTest(name = "{0}: {1} = \"{2}\" is {3}")
    @MethodSource("spellings")
    void a_value_outside_the_allowlist_never_reaches_start_session(Route route, String field, String value,
            String code) {
        String body = Requests.valid().put(field, value).toString();

        JsonNode error = refused(route, body, code);

        assertThat(error.get("violations")).extracting(violation -> violation.get("field").textValue())
                .containsExactly(field);
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void a_role_smuggled_in_under_a_look_alike_key_is_refused(Route route) {
        String body = Requests.valid().put("executionRoleArn\u200b", "arn:aws:iam::999999999999:role/Admin")
                .put("ExecutionRoleArn", "arn:aws:iam::999999999999:role/Admin").toString();

        JsonNode error = refused(route, body, INVALID);

        assertThat(error.get("violations")).extracting(violation -> violation.get("field").textValue())
                .containsExactlyInAnyOrder("\"executionRoleArn\u200b\"", "\"ExecutionRoleArn\"");
    }

    /**
     * A key given twice: the function's parser refuses the body, whichever value would win. The EventBridge rule's
     * detail is parsed by the Lambda runtime first, which keeps the last value; that value is then refused.
     */
    @ParameterizedTest
    @EnumSource(Route.class)
    void a_role_given_twice_is_refused(Route route) {
        ObjectNode rest = Requests.valid();
        rest.remove("executionRoleArn");
        String fields = rest.toString().substring(1, rest.toString().length() - 1);
        String body = "{\"executionRoleArn\":\"" + TestSettings.ROLE_ARN + "\"," + fields
                + ",\"executionRoleArn\":\"arn:aws:iam::999999999999:role/Admin\"}";

        JsonNode error = refused(route, body, route == Route.EVENTBRIDGE_RULE ? NOT_ALLOWED : INVALID);

        assertThat(error.get("message").textValue()).contains("executionRoleArn");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void the_listed_values_do_reach_start_session(Route route) {
        int before = startSessionCalls();
        for (String[] allowed : new String[][] {{TestSettings.APPLICATION_ID, TestSettings.ROLE_ARN},
                {"00fkother42", "arn:aws:iam::123456789012:role/emr/analytics/EmrSessionRole"}}) {
            String body = Requests.valid().put("applicationId", allowed[0]).put("executionRoleArn", allowed[1])
                    .toString();
            function.aws().emr().addApplication(dev.emrsessionstarter.emulator.emr.Application.builder()
                    .id(allowed[0]).build());
            send(route, body, "allowed-" + invocations.incrementAndGet());
        }
        assertThat(startSessionCalls() - before).isEqualTo(2);
    }

    /** Sends the body on the route and returns the error of its failure event, after checking the refusal. */
    private JsonNode refused(Route route, String body, String code) {
        String identity = "refused-" + invocations.incrementAndGet();
        int before = startSessionCalls();

        Throwable thrown = send(route, body, identity);

        assertThat(startSessionCalls()).as("StartSession calls").isEqualTo(before);
        if (route == Route.DIRECT) {
            assertThat(thrown).isInstanceOf(code.equals(NOT_ALLOWED)
                    ? SessionRequestNotAllowedException.class : InvalidSessionRequestException.class);
        }
        // A queued envelope that cannot be read is known by its SQS message id only.
        List<String> identities = List.of(identity, "message-" + identity);
        JsonNode detail = function.outcomeDetails().stream()
                .filter(event -> identities.contains(event.get("requestIdentity").textValue()))
                .reduce((first, second) -> {
                    throw new AssertionError("two outcome events for " + identity);
                })
                .orElseThrow(() -> new AssertionError("no outcome event for " + identity));
        assertThat(detail.get("final").booleanValue()).isTrue();
        assertThat(detail.get("error").get("code").textValue()).isEqualTo(code);
        assertThat(detail.get("error").get("retryable").booleanValue()).isFalse();
        return detail.get("error");
    }

    /** @return what the handler threw (the direct handler's documented exceptions), or null */
    private Throwable send(Route route, String body, String identity) {
        switch (route) {
            case SQS -> assertAnswered(sqs(identity, body));
            case SQS_EVENTBRIDGE_ENVELOPE -> assertAnswered(sqs("message-" + identity, envelope(identity, body)));
            case SQS_SNS_NOTIFICATION -> assertAnswered(sqs("message-" + identity, Requests.JSON.createObjectNode()
                    .put("Type", "Notification").put("MessageId", identity)
                    .put("TopicArn", "arn:aws:sns:us-east-1:123456789012:session-requests").put("Message", body)
                    .toString()));
            case EVENTBRIDGE_RULE -> {
                ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                        getClass().getClassLoader()).fromJson(envelope(identity, body));
                eventBridgeHandler.handleRequest(event, LocalContext.fresh());
            }
            case DIRECT -> {
                try {
                    directHandler.handleRequest(
                            new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                            new ByteArrayOutputStream(), new LocalContext(identity, Duration.ofSeconds(60)));
                } catch (SessionRequestFailedException | java.io.IOException failure) {
                    return failure;
                }
            }
        }
        return null;
    }

    private SQSBatchResponse sqs(String messageId, String body) {
        return sqsHandler.handleRequest(SqsEvents.batch(SqsEvents.message(messageId, body)),
                LocalContext.fresh());
    }

    private static void assertAnswered(SQSBatchResponse response) {
        assertThat(response.getBatchItemFailures()).as("a refusal is final: not handed back").isEmpty();
    }

    private static String envelope(String id, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"EMR Serverless Session Request\","
                + "\"source\":\"emr-session-starter.requests\",\"account\":\"123456789012\","
                + "\"time\":\"2026-11-24T18:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + detail
                + "}";
    }

    private int startSessionCalls() {
        return function.aws().emr().requestCount(EmrOperation.START_SESSION);
    }
}

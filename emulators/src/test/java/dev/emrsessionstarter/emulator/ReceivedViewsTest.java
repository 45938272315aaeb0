package dev.emrsessionstarter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.eventbridge.EventBridgeEmulator;
import dev.emrsessionstarter.emulator.stepfunctions.StepFunctionsEmulator;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What each emulator received, on its own port: {@code GET /_emulator/sessions}, {@code /_emulator/events} and
 * {@code /_emulator/tasks} answer JSON to any plain HTTP client; and the standalone command prints where.
 */
class ReceivedViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = Emulators.DEFAULT_APPLICATION_ID;
    private static final String ROLE = "arn:aws:iam::123456789012:role/EmrSessionRole";

    private final HttpClient http = HttpClient.newHttpClient();
    private EmrServerlessEmulator emr;
    private EventBridgeEmulator events;
    private StepFunctionsEmulator sfn;

    @BeforeEach
    void start() {
        emr = EmrServerlessEmulator.builder().build();
        emr.addApplication(Application.builder().id(APP_ID).build());
        emr.start();
        events = EventBridgeEmulator.builder().build().start();
        sfn = StepFunctionsEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        emr.close();
        events.close();
        sfn.close();
    }

    @Test
    void the_emr_serverless_emulator_shows_its_sessions_with_what_started_them() throws Exception {
        try (EmrServerlessClient client = SdkClients.emr(emr.endpoint(), SdkClients.noRetries())) {
            String sessionId = client.startSession(request -> request.applicationId(APP_ID).clientToken("token-1")
                    .executionRoleArn(ROLE).name("nightly").idleTimeoutMinutes(30L).tags(Map.of("team", "a")))
                    .sessionId();
            client.getSession(request -> request.applicationId(APP_ID).sessionId(sessionId));

            Response view = get(emr.endpoint(), "/_emulator/sessions");

            assertThat(view.status()).isEqualTo(200);
            assertThat(view.contentType()).isEqualTo("application/json");
            JsonNode session = view.json().get("sessions").get(0);
            assertThat(session.get("applicationId").asText()).isEqualTo(APP_ID);
            assertThat(session.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(session.get("clientToken").asText()).isEqualTo("token-1");
            assertThat(session.get("state").asText()).isEqualTo("SUBMITTED");
            assertThat(session.get("arn").asText()).endsWith("/sessions/" + sessionId);
            assertThat(session.get("request").get("name").asText()).isEqualTo("nightly");
            assertThat(session.get("request").get("executionRoleArn").asText()).isEqualTo(ROLE);
            assertThat(session.get("request").get("tags").get("team").asText()).isEqualTo("a");
            assertThat(view.json().get("requests").get("StartSession").asInt()).isEqualTo(1);
            assertThat(view.json().get("requests").get("GetSession").asInt()).isEqualTo(1);
        }
        // Reading a view is not a call of the emulated API.
        assertThat(emr.requestCount(EmrOperation.GET_SESSION)).isEqualTo(1);
    }

    @Test
    void the_eventbridge_emulator_shows_the_events_as_a_rule_target_receives_them() throws Exception {
        try (EventBridgeClient client = SdkClients.eventBridge(events.endpoint(), SdkClients.noRetries())) {
            String eventId = client.putEvents(request -> request.entries(entry -> entry.source("emr-session-starter")
                    .detailType("EMR Serverless Session Started").detail("{\"sessionId\":\"00f1\"}")))
                    .entries().get(0).eventId();

            JsonNode view = get(events.endpoint(), "/_emulator/events").json();

            JsonNode event = view.get("events").get(0);
            assertThat(event.get("id").asText()).isEqualTo(eventId);
            assertThat(event.get("detail-type").asText()).isEqualTo("EMR Serverless Session Started");
            assertThat(event.get("source").asText()).isEqualTo("emr-session-starter");
            assertThat(event.get("detail").get("sessionId").asText()).isEqualTo("00f1");
            assertThat(event.get("eventBusName").asText()).isEqualTo("default");
            assertThat(view.get("putEventsCalls").asInt()).isEqualTo(1);
            assertThat(view.get("entriesReceived").asInt()).isEqualTo(1);
        }
    }

    @Test
    void the_step_functions_emulator_shows_its_tasks_and_the_callbacks() throws Exception {
        String token = sfn.issueTaskToken();
        try (SfnClient client = SdkClients.stepFunctions(sfn.endpoint(), SdkClients.noRetries())) {
            client.sendTaskHeartbeat(request -> request.taskToken(token));
            client.sendTaskSuccess(request -> request.taskToken(token).output("{\"sessionId\":\"00f1\"}"));

            JsonNode view = get(sfn.endpoint(), "/_emulator/tasks").json();

            JsonNode task = view.get("tasks").get(0);
            assertThat(task.get("taskToken").asText()).isEqualTo(token);
            assertThat(task.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(task.get("output").asText()).isEqualTo("{\"sessionId\":\"00f1\"}");
            assertThat(task.get("heartbeats").asInt()).isEqualTo(1);
            assertThat(view.get("calls")).extracting(call -> call.get("operation").asText())
                    .containsExactly("SendTaskHeartbeat", "SendTaskSuccess");
        }
        assertThat(sfn.requestCount(TaskCallbackOperation.SEND_TASK_SUCCESS)).isEqualTo(1);
    }

    @Test
    void the_view_index_an_unknown_view_and_other_methods() throws Exception {
        Response index = get(events.endpoint(), "/_emulator/");
        Response unknown = get(events.endpoint(), "/_emulator/sessions");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(events.endpoint().resolve("/_emulator/events"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.json().get("views")).extracting(JsonNode::asText).containsExactly("/_emulator/events");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).isEqualTo("No view sessions.");
        assertThat(unknown.json().get("views")).extracting(JsonNode::asText).containsExactly("/_emulator/events");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(events.putEventsCalls()).isZero();
    }

    @Test
    void the_standalone_command_prints_exports_every_sdk_reads_and_where_to_look() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Emulators.describe(new PrintStream(buffer, true, StandardCharsets.UTF_8), EmulatorOptions.parse(), emr,
                events, sfn, List.of());
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains(
                "export AWS_ENDPOINT_URL_EMR_SERVERLESS=" + emr.endpoint() + "\n",
                "export AWS_ENDPOINT_URL_EVENTBRIDGE=" + events.endpoint() + "\n",
                "export AWS_ENDPOINT_URL_SFN=" + sfn.endpoint() + "\n",
                "export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1\n",
                "export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local\n",
                "  curl -s " + emr.endpoint() + "/_emulator/sessions\n",
                "  curl -s " + events.endpoint() + "/_emulator/events\n",
                "  curl -s " + sfn.endpoint() + "/_emulator/tasks\n");
    }

    private Response get(URI endpoint, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                JSON.readTree(response.body()));
    }

    private record Response(int status, String contentType, JsonNode json) {
    }
}

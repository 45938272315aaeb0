package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests that leave the function, byte for byte as the emulators received them (compared as JSON), for the sample
 * SQS batch: the StartSession body and the PutEvents body. A change here changes what AWS receives; review the golden
 * files in {@code function/src/test/resources/golden/} with it.
 */
class GoldenRequestsTest {

    private static final Path GOLDEN = Path.of("function/src/test/resources/golden");

    private final FunctionFixture function = FunctionFixture.start();

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void start_session_request_matches_its_golden_file() throws IOException {
        handleSampleBatch();
        JsonNode sent = Requests.JSON.readTree(function.aws().emr().startSessionRequestBodies().get(0));
        assertThat(sent).isEqualTo(golden("start-session-request.json"));
    }

    @Test
    void put_events_request_matches_its_golden_file() throws IOException {
        handleSampleBatch();
        ObjectNode sent = (ObjectNode) Requests.JSON.readTree(function.aws().events().putEventsRequestBodies().get(0));
        assertThat(readable(sent)).isEqualTo(golden("put-events-request.json"));
    }

    private void handleSampleBatch() {
        function.sqsHandler().handleRequest(EventLoader.loadSQSEvent(Path.of("events/sqs-batch.json").toString()),
                LocalContext.fresh());
    }

    /**
     * The detail travels as a string of JSON; the golden file holds it parsed, and the session's id and ARN (chosen by
     * the service) as placeholders.
     */
    private static JsonNode readable(ObjectNode putEvents) throws IOException {
        for (JsonNode entry : putEvents.get("Entries")) {
            ObjectNode detail = (ObjectNode) Requests.JSON.readTree(entry.get("Detail").textValue());
            assertThat(detail.get("sessionId").textValue()).matches("[0-9a-z]{1,64}");
            assertThat(detail.get("arn").textValue()).endsWith("/sessions/" + detail.get("sessionId").textValue());
            assertThat(entry.get("Resources")).containsExactly(detail.get("arn"));
            detail.put("sessionId", "<sessionId>");
            detail.put("arn", "<arn>");
            ((ObjectNode) entry).set("Detail", detail);
            ((ArrayNode) entry.get("Resources")).set(0, TextNode.valueOf("<arn>"));
        }
        return putEvents;
    }

    private static JsonNode golden(String file) throws IOException {
        return Requests.JSON.readTree(Files.readString(GOLDEN.resolve(file)));
    }
}

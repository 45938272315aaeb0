package dev.emrsessionstarter.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reading.RequestIdentity.Source;
import dev.emrsessionstarter.testing.TestSettings;
import java.nio.charset.StandardCharsets;

/**
 * The request parser, reader and validator take any input: every body ends as a request or as named violations,
 * never as an exception, and a request that passes names only an allowed application and role.
 *
 * <p>A plain test run replays the seeds in {@code RequestReadingFuzzTestInputs}; to fuzz, see the README ("Soak and
 * fuzz").
 */
class RequestReadingFuzzTest {

    private static final int MAX_BYTES = Settings.DEFAULT_MAX_REQUEST_BYTES;
    private static final Settings SETTINGS = TestSettings.sample().build();
    private static final JsonBodies BODIES = new JsonBodies(MAX_BYTES);
    private static final RequestValidator VALIDATOR = new RequestValidator(SETTINGS.requestPolicy());
    private static final RequestReader READER = new RequestReader(BODIES, VALIDATOR);

    @FuzzTest
    void any_bytes_become_a_request_or_its_violations(byte[] input) {
        JsonBodies.ParsedBody fromBytes = BODIES.parse(input);
        assertThat(fromBytes.isValid()).isNotEqualTo(!fromBytes.violations().isEmpty());
        String text = new String(input, StandardCharsets.UTF_8);
        JsonBodies.ParsedBody fromText = BODIES.parse(text);
        assertThat(fromText.isValid()).isNotEqualTo(!fromText.violations().isEmpty());

        ReadRequest direct = read(new Delivery(Trigger.DIRECT, "request-1", Source.LAMBDA_REQUEST_ID, null, null, false,
                new Delivery.Bytes(input)));
        ReadRequest queued = read(new Delivery(Trigger.SQS, "message-1", Source.SQS_MESSAGE_ID, "group-1", 2, false,
                new Delivery.Text(text)));
        if (fromBytes.isValid()) {
            read(new Delivery(Trigger.EVENTBRIDGE, "event-1", Source.EVENTBRIDGE_EVENT_ID, null, null, false,
                    new Delivery.Document(fromBytes.json())));
        }
        // Reading is a pure function of the delivery: a redelivery gets the same token.
        assertThat(read(queued.delivery()).clientToken()).isEqualTo(queued.clientToken());
        assertThat(read(direct.delivery()).clientToken()).isEqualTo(direct.clientToken());
    }

    @FuzzTest
    void any_json_tree_is_validated_into_a_request_or_its_violations(FuzzedDataProvider data) {
        ObjectNode body = requestLike(data);
        ReadRequest read = read(new Delivery(Trigger.EVENTBRIDGE, "event-1", Source.EVENTBRIDGE_EVENT_ID, null, null,
                false,
                new Delivery.Document(body)));
        read(new Delivery(Trigger.SQS, "message-1", Source.SQS_MESSAGE_ID, null, 1, false,
                new Delivery.Text(body.toString())));
        if (read.isValid()) {
            // Whatever else the fuzzer got through, the allowlists hold.
            RequestPolicy policy = SETTINGS.requestPolicy();
            assertThat(policy.allowedApplicationIds().allows(read.request().applicationId())).isTrue();
            assertThat(policy.allowedExecutionRoleArns().allows(read.request().executionRoleArn())).isTrue();
        }
    }

    /** Reads the delivery and checks what must hold of every reading. */
    private static ReadRequest read(Delivery delivery) {
        ReadRequest read = READER.read(delivery);
        assertThat(read.violations()).hasSizeLessThanOrEqualTo(RequestValidator.MAX_REPORTED_VIOLATIONS + 1);
        assertThat(read.violationCount()).isGreaterThanOrEqualTo(read.violations().size());
        for (Violation violation : read.violations()) {
            assertThat(violation.field()).isNotNull().hasSizeLessThan(2048);
            assertThat(violation.rule()).isNotBlank();
        }
        if (read.isValid()) {
            SessionRequest request = read.request();
            assertThat(read.identity()).isNotNull();
            assertThat(read.clientToken()).matches(FieldRules.CLIENT_TOKEN).hasSizeLessThanOrEqualTo(64);
            assertThat(FieldRules.applicationId(request.applicationId())).isEmpty();
            assertThat(FieldRules.executionRoleArn(request.executionRoleArn())).isEmpty();
        }
        return read;
    }

    /** An object shaped like a request (known field names mostly, any values), so the fuzzer reaches every rule. */
    private static ObjectNode requestLike(FuzzedDataProvider data) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        int fields = data.consumeInt(0, 12);
        for (int i = 0; i < fields && data.remainingBytes() > 0; i++) {
            String name = data.consumeBoolean()
                    ? RequestValidator.FIELDS.get(data.consumeInt(0, RequestValidator.FIELDS.size() - 1))
                    : data.consumeString(24);
            body.set(name, value(data, name, 0));
        }
        return body;
    }

    private static JsonNode value(FuzzedDataProvider data, String field, int depth) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (field.equals(RequestValidator.CONFIGURATION_OVERRIDES) && data.consumeBoolean()) {
            ObjectNode overrides = json.objectNode();
            overrides.set("runtimeConfiguration", configurations(data, depth + 1));
            return overrides;
        }
        int kind = depth > 8 ? data.consumeInt(0, 4) : data.consumeInt(0, 7);
        return switch (kind) {
            case 0 -> json.nullNode();
            case 1 -> json.booleanNode(data.consumeBoolean());
            case 2 -> json.numberNode(data.consumeLong());
            case 3 -> json.numberNode(data.consumeDouble());
            case 4 -> json.textNode(data.consumeString(300));
            case 5 -> {
                ArrayNode array = json.arrayNode();
                int size = data.consumeInt(0, 5);
                for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
                    array.add(value(data, "", depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = json.objectNode();
                int size = data.consumeInt(0, 5);
                for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
                    object.set(data.consumeString(40), value(data, "", depth + 1));
                }
                yield object;
            }
        };
    }

    private static ArrayNode configurations(FuzzedDataProvider data, int depth) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        int size = data.consumeInt(0, 3);
        for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
            ObjectNode configuration = list.addObject();
            configuration.set("classification", value(data, "classification", depth));
            ObjectNode properties = configuration.putObject("properties");
            int count = data.consumeInt(0, 4);
            for (int p = 0; p < count && data.remainingBytes() > 0; p++) {
                properties.set(data.consumeString(40), value(data, "", 9));
            }
            if (depth < 14 && data.consumeBoolean()) {
                configuration.set("configurations", configurations(data, depth + 1));
            }
        }
        return list;
    }
}

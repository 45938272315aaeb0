package dev.emrsessionstarter.harness.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.emrsessionstarter.core.reading.Allowlist;
import dev.emrsessionstarter.core.reading.RequestPolicy;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.core.reading.Validation;
import dev.emrsessionstarter.core.reading.Violation;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.Configuration;
import dev.emrsessionstarter.internal.emrserverless.model.SessionConfigurationOverrides;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** One of the places that enforce the StartSession constraints, asked about a request. */
sealed interface Judge {

    String name();

    /** @param modelRequest the request in the model's layout; the judge maps it to what it reads */
    Verdict judge(ServiceModel model, ObjectNode modelRequest);

    /**
     * The function's own validation ({@code RequestValidator} with {@code FieldRules}), on the session request the
     * mapping makes; allowlists allow everything and no defaults are set, so only the constraints count.
     */
    final class FunctionValidator implements Judge {

        private final RequestValidator validator = new RequestValidator(new RequestPolicy(null, null, null,
                Allowlist.parse("*"), Allowlist.parse("*")));

        @Override
        public String name() {
            return "the function (RequestValidator)";
        }

        @Override
        public Verdict judge(ServiceModel model, ObjectNode modelRequest) {
            Validation validation = validator.validate(FieldMapping.toRequest(model, "StartSessionRequest",
                    modelRequest));
            return validation.violationCount() == 0
                    ? Verdict.accepted()
                    : Verdict.rejected(validation.violations().stream().map(Violation::toString)
                            .collect(Collectors.joining("; ")));
        }
    }

    /** The published request schema, through the validator the contract tests use, on the mapped request. */
    final class RequestSchema implements Judge {

        static final Path FILE = Path.of("schemas", "session-request.schema.json");

        private final JsonSchema schema;

        RequestSchema() {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH).build();
            try (InputStream in = Files.newInputStream(FILE)) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String name() {
            return "the request schema (" + FILE + ")";
        }

        @Override
        public Verdict judge(ServiceModel model, ObjectNode modelRequest) {
            Set<ValidationMessage> messages = schema.validate(FieldMapping.toRequest(model, "StartSessionRequest",
                    modelRequest));
            return messages.isEmpty()
                    ? Verdict.accepted()
                    : Verdict.rejected(messages.stream().map(ValidationMessage::getMessage)
                            .collect(Collectors.joining("; ")));
        }

        /** The properties the schema lets a request have at the top level. */
        Set<String> topLevelProperties() {
            JsonNode properties = schema.getSchemaNode().get("properties");
            Set<String> names = new java.util.TreeSet<>();
            properties.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    /**
     * The EMR Serverless emulator ({@code StartSessionValidator}), over its HTTP API through the generated SDK
     * client, on the model-shaped request as the SDK sends it. Applications are registered on demand, so a valid
     * request starts a session; only a {@code ValidationException} counts as a rejection.
     */
    final class Emulator implements Judge, AutoCloseable {

        private final EmrServerlessEmulator emulator;
        private final EmrServerlessClient client;

        Emulator() {
            emulator = EmrServerlessEmulator.builder().build().start();
            client = EmrServerlessClient.builder()
                    .endpointOverride(emulator.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDCONSTRAINTS", "constraint-check")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
        }

        @Override
        public String name() {
            return "the emulator (StartSessionValidator)";
        }

        @Override
        public Verdict judge(ServiceModel model, ObjectNode modelRequest) {
            String applicationId = text(modelRequest, "applicationId");
            register(applicationId);
            StartSessionRequest request = sdkRequest(modelRequest);
            try {
                client.startSession(request);
                return Verdict.accepted();
            } catch (AwsServiceException refused) {
                String code = refused.awsErrorDetails().errorCode();
                if (refused.statusCode() == 400 && "ValidationException".equals(code)) {
                    return Verdict.rejected(refused.awsErrorDetails().errorMessage());
                }
                throw new AssertionError("The emulator answered " + refused.statusCode() + " " + code + " ("
                        + refused.awsErrorDetails().errorMessage() + "), neither a session nor a ValidationException",
                        refused);
            } catch (SdkClientException unsent) {
                return Verdict.notSent("the SDK refused to send it: " + unsent.getMessage());
            } catch (IllegalArgumentException | NullPointerException unsent) {
                return Verdict.notSent("the SDK refused to send it: " + unsent);
            }
        }

        /** So that a valid request finds its application; the emulator itself refuses ids it could never have. */
        private void register(String applicationId) {
            if (applicationId == null || emulator.application(applicationId).isPresent()) {
                return;
            }
            try {
                emulator.addApplication(Application.builder().id(applicationId).maxConcurrentSessions(10_000)
                        .build());
            } catch (IllegalArgumentException notAnApplicationId) {
                // The request will be refused before any application is looked up.
            }
        }

        private static final Set<String> SENT = Set.of("applicationId", "clientToken", "executionRoleArn", "name",
                "idleTimeoutMinutes", "tags", "configurationOverrides");

        private static StartSessionRequest sdkRequest(ObjectNode request) {
            request.fieldNames().forEachRemaining(member -> {
                if (!SENT.contains(member)) {
                    throw new IllegalStateException("Judge.Emulator does not send the model member " + member);
                }
            });
            StartSessionRequest.Builder builder = StartSessionRequest.builder()
                    .applicationId(text(request, "applicationId"))
                    .clientToken(text(request, "clientToken"))
                    .executionRoleArn(text(request, "executionRoleArn"))
                    .name(text(request, "name"))
                    .idleTimeoutMinutes(request.has("idleTimeoutMinutes")
                            ? request.get("idleTimeoutMinutes").longValue() : null)
                    .tags(request.has("tags") ? strings(request.get("tags")) : null);
            JsonNode overrides = request.get("configurationOverrides");
            if (overrides != null) {
                builder.configurationOverrides(SessionConfigurationOverrides.builder()
                        .runtimeConfiguration(overrides.has("runtimeConfiguration")
                                ? configurations(overrides.get("runtimeConfiguration")) : null)
                        .build());
            }
            return builder.build();
        }

        private static List<Configuration> configurations(JsonNode list) {
            List<Configuration> configurations = new ArrayList<>();
            for (JsonNode item : list) {
                configurations.add(Configuration.builder()
                        .classification(text(item, "classification"))
                        .properties(item.has("properties") ? strings(item.get("properties")) : null)
                        .configurations(item.has("configurations") ? configurations(item.get("configurations")) : null)
                        .build());
            }
            return configurations;
        }

        private static Map<String, String> strings(JsonNode map) {
            Map<String, String> strings = new LinkedHashMap<>();
            map.fields().forEachRemaining(entry -> strings.put(entry.getKey(), entry.getValue().textValue()));
            return strings;
        }

        private static String text(JsonNode object, String member) {
            JsonNode value = object.get(member);
            return value == null || value.isNull() ? null : value.textValue();
        }

        @Override
        public void close() {
            client.close();
            emulator.close();
        }
    }
}

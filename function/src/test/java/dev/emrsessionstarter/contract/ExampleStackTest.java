package dev.emrsessionstarter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.core.reading.Validation;
import dev.emrsessionstarter.testing.CloudFormationYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example stack ({@code examples/template.yaml}): the application and role it creates, what it hands the nested
 * function stack ({@code template.yaml}), the sample request that relies on it, the outputs the README's commands read,
 * and the teardown script.
 */
class ExampleStackTest {

    private static final Path EXAMPLES = ContractSchemas.PROJECT.resolve("examples");
    private static final String NESTED = "SessionStarter";
    private static final String APPLICATION = "SessionApplication";
    private static final String ROLE = "SessionExecutionRole";
    /** Outputs only the example has: the function stack takes these from outside. */
    private static final Set<String> EXAMPLE_ONLY_OUTPUTS = Set.of("ApplicationId", "ExecutionRoleArn");

    private static Map<String, Object> example;
    private static Map<String, Object> functionStack;

    @BeforeAll
    static void load() {
        example = CloudFormationYaml.load(EXAMPLES.resolve("template.yaml"));
        functionStack = CloudFormationYaml.load(ContractSchemas.PROJECT.resolve("template.yaml"));
    }

    @Test
    void nests_the_function_stack_from_its_own_template() {
        Map<String, Object> nested = resource(NESTED);
        String location = (String) properties(NESTED).get("Location");

        assertThat(example.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(nested.get("Type")).isEqualTo("AWS::Serverless::Application");
        assertThat(EXAMPLES.resolve(location).normalize()).isEqualTo(ContractSchemas.PROJECT.resolve("template.yaml"))
                .exists();
    }

    @Test
    void hands_the_function_stack_only_parameters_it_declares_and_all_it_requires() {
        Map<String, Object> handed = parametersHanded();
        Map<String, Object> declared = map(functionStack.get("Parameters"));

        assertThat(declared).containsKeys(handed.keySet().toArray(String[]::new));
        declared.forEach((name, parameter) -> {
            if (!map(parameter).containsKey("Default")) {
                assertThat(handed).as("%s has no default", name).containsKey(name);
            }
        });
        // Literal values must pass the function stack's own parameter constraints.
        handed.forEach((name, value) -> {
            if (value instanceof String literal) {
                Map<String, Object> parameter = map(declared.get(name));
                if (parameter.containsKey("AllowedValues")) {
                    assertThat(list(parameter.get("AllowedValues"))).as(name).contains(literal);
                }
                if (parameter.containsKey("AllowedPattern")) {
                    assertThat(literal).as(name).matches((String) parameter.get("AllowedPattern"));
                }
                if (parameter.containsKey("MinValue")) {
                    assertThat(Long.parseLong(literal)).as(name)
                            .isBetween(toLong(parameter.get("MinValue")), toLong(parameter.get("MaxValue")));
                }
            }
        });
    }

    @Test
    void its_application_and_role_are_the_functions_defaults_and_only_allowed_values() {
        Map<String, Object> handed = parametersHanded();
        Object applicationId = Map.of("Fn::GetAtt", List.of(APPLICATION, "ApplicationId"));
        Object roleArn = Map.of("Fn::GetAtt", List.of(ROLE, "Arn"));

        assertThat(handed).containsEntry("AllowedApplicationIds", applicationId)
                .containsEntry("DefaultApplicationId", applicationId)
                .containsEntry("AllowedExecutionRoleArns", roleArn)
                .containsEntry("DefaultExecutionRoleArn", roleArn)
                .containsEntry("OutcomeEventsLog", "true");
        assertThat(handed.get("EventSource")).isNotEqualTo(handed.get("RequestEventSource"));
    }

    @Test
    void application_can_start_sessions() {
        Map<String, Object> application = properties(APPLICATION);
        Map<String, Object> release = map(map(example.get("Parameters")).get("ReleaseLabel"));
        Pattern releases = Pattern.compile((String) release.get("AllowedPattern"));

        assertThat(resource(APPLICATION).get("Type")).isEqualTo("AWS::EMRServerless::Application");
        assertThat(application).containsEntry("Type", "SPARK").containsEntry("ReleaseLabel", ref("ReleaseLabel"));
        assertThat(map(application.get("InteractiveConfiguration"))).containsEntry("SessionEnabled", true);
        assertThat(map(application.get("AutoStartConfiguration"))).containsEntry("Enabled", true);
        assertThat(map(application.get("AutoStopConfiguration"))).containsEntry("Enabled", true);
        assertThat(application).containsKey("MaximumCapacity");
        // StartSession needs release 7.13.0 or later.
        assertThat(release.get("Default")).isEqualTo("emr-7.13.0");
        for (String allowed : List.of("emr-7.13.0", "emr-7.13.1", "emr-7.20.0", "emr-7.100.0", "emr-8.0.0",
                "emr-10.2.0")) {
            assertThat(releases.matcher(allowed).matches()).as(allowed).isTrue();
        }
        for (String refused : List.of("emr-7.12.0", "emr-7.1.0", "emr-7.9.0", "emr-6.15.0", "emr-07.13.0",
                "7.13.0")) {
            assertThat(releases.matcher(refused).matches()).as(refused).isFalse();
        }
    }

    @Test
    void execution_role_is_trusted_by_emr_serverless() {
        Map<String, Object> trust = map(properties(ROLE).get("AssumeRolePolicyDocument"));

        assertThat(list(trust.get("Statement"))).singleElement().satisfies(statement -> {
            assertThat(map(statement)).containsEntry("Effect", "Allow").containsEntry("Action", "sts:AssumeRole");
            assertThat(map(map(statement).get("Principal")))
                    .containsExactly(Map.entry("Service", "emr-serverless.amazonaws.com"));
        });
    }

    @Test
    void outputs_keep_the_function_stacks_names() {
        Map<String, Object> outputs = map(example.get("Outputs"));
        Map<String, Object> nestedOutputs = map(functionStack.get("Outputs"));

        assertThat(outputs).containsKeys(EXAMPLE_ONLY_OUTPUTS.toArray(String[]::new));
        outputs.forEach((name, output) -> {
            if (EXAMPLE_ONLY_OUTPUTS.contains(name)) {
                return;
            }
            assertThat(map(output).get("Value")).as(name)
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(NESTED, "Outputs." + name)));
            assertThat(nestedOutputs).as("the function stack has output %s", name).containsKey(name);
            // A conditional output of the function stack exists only when the example's parameters turn it on.
            Object condition = map(nestedOutputs.get(name)).get("Condition");
            if (condition != null) {
                List<Object> equals = list(map(map(functionStack.get("Conditions")).get(condition)).get("Fn::Equals"));
                String parameter = (String) map(equals.get(0)).get("Ref");
                assertThat(parametersHanded().get(parameter)).as("%s needs %s", name, condition)
                        .isEqualTo(equals.get(1));
            }
        });
    }

    @Test
    void sample_request_starts_a_session_with_nothing_but_the_examples_defaults() throws IOException {
        JsonNode request = ContractSchemas.JSON.readTree(EXAMPLES.resolve("request.json").toFile());
        String applicationId = "00fkexample0001";
        String roleArn = "arn:aws:iam::123456789012:role/emr-session-starter-example-SessionExecutionRole-Ab12";
        Map<String, String> environment = new HashMap<>(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, applicationId,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, roleArn,
                Settings.DEFAULT_APPLICATION_ID, applicationId,
                Settings.DEFAULT_EXECUTION_ROLE_ARN, roleArn,
                Settings.DEFAULT_IDLE_TIMEOUT_MINUTES,
                String.valueOf(map(map(example.get("Parameters")).get("SessionIdleTimeoutMinutes")).get("Default")),
                Settings.WATCH_QUEUE_URL, "https://sqs.us-east-1.amazonaws.com/123456789012/watch"));
        Settings settings = Settings.fromEnvironment(environment, Settings.QueueTrigger.NOT_USED);

        Validation validation = new RequestValidator(settings.requestPolicy()).validate(request);

        assertThat(ContractSchemas.validateRequest(request)).isEmpty();
        assertThat(request.has("applicationId") || request.has("executionRoleArn")).as("relies on the defaults")
                .isFalse();
        assertThat(request.path("correlationId").asText()).as("something to find it by").isNotBlank();
        assertThat(validation.violations()).isEmpty();
        assertThat(validation.refusals()).isEmpty();
        assertThat(validation.request().applicationId()).isEqualTo(applicationId);
        assertThat(validation.request().executionRoleArn()).isEqualTo(roleArn);
        assertThat(validation.request().idleTimeoutMinutes()).isEqualTo(15L);
    }

    /**
     * The README walks a stack with {@code out NAME}, which the example stack and the function stack must both answer
     * (the example alone adds {@link #EXAMPLE_ONLY_OUTPUTS}); prose that names an "output `NAME`" means the function
     * stack's.
     */
    @Test
    void readme_commands_read_outputs_the_stacks_have() throws IOException {
        Set<String> read = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        for (Path document : List.of(ContractSchemas.PROJECT.resolve("README.md"), EXAMPLES.resolve("README.md"),
                EXAMPLES.resolve("teardown.sh"))) {
            String text = Files.readString(document, StandardCharsets.UTF_8);
            Matcher command = Pattern.compile("\\$\\((?:out|output) ([A-Za-z0-9]+)\\)|OutputKey=='([A-Za-z0-9]+)'")
                    .matcher(text);
            while (command.find()) {
                read.add(command.group(1) != null ? command.group(1) : command.group(2));
            }
            Matcher prose = Pattern.compile("outputs? `([A-Za-z0-9]+)`").matcher(text);
            while (prose.find()) {
                named.add(prose.group(1));
            }
        }

        assertThat(read).as("the README reads the stack's outputs").contains("RequestQueueUrl", "ApplicationId",
                "OutcomeEventsLogGroupName");
        for (String name : read) {
            assertThat(map(example.get("Outputs"))).as("example output %s", name).containsKey(name);
            if (!EXAMPLE_ONLY_OUTPUTS.contains(name)) {
                assertThat(map(functionStack.get("Outputs"))).as("function stack output %s", name).containsKey(name);
            }
        }
        for (String name : named) {
            assertThat(map(functionStack.get("Outputs"))).as("function stack output %s", name).containsKey(name);
        }
    }

    @Test
    void teardown_ends_sessions_and_stops_the_application_before_deleting_the_stack() throws IOException {
        Path script = EXAMPLES.resolve("teardown.sh");
        String text = Files.readString(script, StandardCharsets.UTF_8);

        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(text).startsWith("#!/usr/bin/env bash").contains("set -euo pipefail");
        int terminate = text.indexOf("aws emr-serverless terminate-session");
        int stop = text.indexOf("aws emr-serverless stop-application");
        int delete = text.indexOf("sam delete --stack-name");
        assertThat(terminate).isPositive().isLessThan(stop);
        assertThat(stop).isLessThan(delete);
    }

    // ==== plumbing =================================================================================================

    private static Map<String, Object> parametersHanded() {
        return map(properties(NESTED).get("Parameters"));
    }

    private static Map<String, Object> resource(String id) {
        Object resource = map(example.get("Resources")).get(id);
        assertThat(resource).as("resource %s", id).isNotNull();
        return map(resource);
    }

    private static Map<String, Object> properties(String id) {
        return map(resource(id).get("Properties"));
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static long toLong(Object value) {
        return Long.parseLong(String.valueOf(value));
    }
}

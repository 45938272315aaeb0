package dev.emrsessionstarter.contract;

import static dev.emrsessionstarter.testing.CloudFormationYaml.list;
import static dev.emrsessionstarter.testing.CloudFormationYaml.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.outcome.TaskFailure;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.core.reading.Validation;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.testing.CloudFormationYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example stack ({@code examples/template.yaml}): the application and role it creates, what it hands the nested
 * function stack ({@code template.yaml}), the sample request that relies on it, the state machine that starts, uses and
 * always terminates a session, the log group of Session Ended events and the README's query on it, the outputs the
 * README's commands read, and the teardown script.
 */
class ExampleStackTest {

    private static final Path EXAMPLES = ContractSchemas.PROJECT.resolve("examples");
    private static final String NESTED = "SessionStarter";
    private static final String APPLICATION = "SessionApplication";
    private static final String ROLE = "SessionExecutionRole";
    private static final String STATE_MACHINE = "SessionStateMachine";
    private static final String USAGE_LOG = "SessionUsageLogGroup";
    private static final String USAGE_RULE = "SessionUsageRule";
    private static final String USAGE_POLICY = "SessionUsageLogPolicy";
    /** Outputs only the example has: the function stack takes these from outside, or has no such resource. */
    private static final Set<String> EXAMPLE_ONLY_OUTPUTS = Set.of("ApplicationId", "ExecutionRoleArn",
            "SessionStateMachineArn", "SessionUsageLogGroupName");

    // The state machine's states that matter here.
    private static final String START = "StartSession";
    private static final String FIND = "FindSession";
    private static final String WORK = "Work";
    private static final String TERMINATE = "Terminate";
    private static final String WAIT_FOR_TOKEN = "arn:aws:states:::lambda:invoke.waitForTaskToken";
    private static final String INVOKE = "arn:aws:states:::lambda:invoke";
    private static final String FUNCTION_NAME = "${DirectFunctionAliasArn}";
    private static final Object DIRECT_ALIAS =
            Map.of("Fn::GetAtt", List.of(NESTED, "Outputs.DirectSessionRequestFunctionAliasArn"));
    private static final String RETRYABLE = TaskFailure.START_FAILED.errorName();
    /** Refusals that come before any session exists (docs/contract.md section 8): nothing to terminate. */
    private static final Set<String> BEFORE_ANY_SESSION = Set.of(TaskFailure.INVALID_REQUEST.errorName(),
            TaskFailure.NOT_ALLOWED.errorName(), TaskFailure.START_REJECTED.errorName());

    // What Step Functions would put in the context object of one execution.
    private static final String EXECUTION_NAME = "try-1";
    private static final String EXECUTION_ID =
            "arn:aws:states:us-east-1:123456789012:execution:SessionStateMachine-Ab12:" + EXECUTION_NAME;
    private static final String TASK_TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAUexampleTaskToken";
    private static final String APPLICATION_ID = "00fkexample0001";
    private static final String ROLE_ARN =
            "arn:aws:iam::123456789012:role/emr-session-starter-example-SessionExecutionRole-Ab12";

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
        JsonNode request = sampleRequest();

        Validation validation = validator().validate(request);

        assertThat(ContractSchemas.validateRequest(request)).isEmpty();
        assertThat(request.has("applicationId") || request.has("executionRoleArn")).as("relies on the defaults")
                .isFalse();
        assertThat(request.path("correlationId").asText()).as("something to find it by").isNotBlank();
        assertThat(validation.violations()).isEmpty();
        assertThat(validation.refusals()).isEmpty();
        assertThat(validation.request().applicationId()).isEqualTo(APPLICATION_ID);
        assertThat(validation.request().executionRoleArn()).isEqualTo(ROLE_ARN);
        assertThat(validation.request().idleTimeoutMinutes()).isEqualTo(15L);
    }

    // ==== the state machine: start, work, always terminate ==========================================================

    @Test
    void state_machine_starts_the_session_hands_it_to_the_work_and_terminates_it() {
        Map<String, Object> machine = resource(STATE_MACHINE);
        Map<String, Object> start = state(START);
        Map<String, Object> work = state(WORK);
        Map<String, Object> terminate = state(TERMINATE);

        assertThat(machine.get("Type")).isEqualTo("AWS::Serverless::StateMachine");
        assertThat(map(properties(STATE_MACHINE).get("DefinitionSubstitutions")))
                .containsExactly(Map.entry("DirectFunctionAliasArn", DIRECT_ALIAS));
        assertThat(definition().get("StartAt")).isEqualTo(START);
        List<String> path = pathWithoutErrors();
        assertThat(path).containsSubsequence(START, WORK, TERMINATE);
        assertThat(state(path.get(path.size() - 1)).get("Type")).isEqualTo("Succeed");
        for (Map<String, Object> task : List.of(start, terminate)) {
            assertThat(task).containsEntry("Type", "Task").containsEntry("Resource", WAIT_FOR_TOKEN);
            assertThat(map(task.get("Parameters"))).containsEntry("FunctionName", FUNCTION_NAME);
            // The task's result is what the function sends with SendTaskSuccess, not the invoke's response.
            assertThat(task).doesNotContainKeys("OutputPath", "ResultSelector");
        }
        // Every readiness check beats; the timeout is a backstop behind the watch's own.
        assertThat(start).containsEntry("HeartbeatSeconds", 600).containsEntry("TimeoutSeconds", 3600);
        assertThat(toLong(terminate.get("TimeoutSeconds"))).isGreaterThan(toLong(terminate.get("HeartbeatSeconds")));
        // The session document stays at $.session, where Terminate reads it; nothing after the start replaces it.
        assertThat(start).containsEntry("ResultPath", "$.session");
        for (String name : path.subList(path.indexOf(START) + 1, path.size())) {
            Object resultPath = state(name).get("ResultPath");
            if (List.of("Task", "Parallel", "Pass").contains(state(name).get("Type"))) {
                assertThat(resultPath).as("%s keeps the session", name).isNotNull();
                assertThat((String) resultPath).as(name).isNotEqualTo("$").doesNotStartWith("$.session");
            }
        }
        // A Pass or Wait state takes no Catch: the work stands in a Parallel state whose branch shows where it goes.
        assertThat(work.get("Type")).isEqualTo("Parallel");
        assertThat(list(work.get("Branches"))).singleElement().satisfies(branch -> {
            assertThat(map(map(branch).get("States")).values()).allSatisfy(s -> {
                assertThat(map(s).get("Type")).isIn("Pass", "Wait");
                assertThat((String) map(s).get("Comment")).isNotBlank();
            });
        });
        assertThat((String) work.get("Comment")).contains("$.session");
    }

    @Test
    void start_payload_is_the_input_request_with_a_stable_key_and_the_task_token() throws IOException {
        Map<String, Object> sample = input(sampleRequest());
        Map<String, Object> ownKey = new LinkedHashMap<>(sample);
        ownKey.put("idempotencyKey", "nightly/2024-05-01");
        Map<String, Object> forged = new LinkedHashMap<>(sample);
        forged.put("taskToken", "not-this-tasks-token");

        for (Map<String, Object> input : List.of(sample, Map.<String, Object>of(), ownKey, forged)) {
            Map<String, Object> payload = payload(START, input, input);
            Validation validation = validator().validate(ContractSchemas.JSON.valueToTree(payload));

            assertThat(validation.violations()).as("%s", payload).isEmpty();
            assertThat(validation.refusals()).isEmpty();
            assertThat(validation.request().terminates()).isFalse();
            // The token is merged in last: the input cannot replace it.
            assertThat(payload).containsEntry("taskToken", TASK_TOKEN);
            // The input wins over the key and correlation id merged under it.
            input.forEach((field, value) -> {
                if (!field.equals("taskToken")) {
                    assertThat(payload).containsEntry(field, value);
                }
            });
            assertThat(payload).containsEntry("idempotencyKey",
                    input.getOrDefault("idempotencyKey", EXECUTION_ID + "/" + START));
            assertThat(payload).containsEntry("correlationId", input.getOrDefault("correlationId", EXECUTION_NAME));
        }
    }

    /** A failed task carries no session id: the lookup asks again with the start's key, hence its client token. */
    @Test
    void a_failed_start_finds_its_session_under_the_starts_key_without_waiting() throws IOException {
        Map<String, Object> find = state(FIND);
        Map<String, Object> request = input(sampleRequest());
        Map<String, Object> afterError = new LinkedHashMap<>(request);
        afterError.put("error", Map.of("Error", TaskFailure.SESSION_NOT_READY.errorName(), "Cause", "{}"));

        Map<String, Object> payload = payload(FIND, request, afterError);
        Map<String, Object> started = new LinkedHashMap<>(payload(START, request, request));
        started.remove("taskToken");

        assertThat(find).containsEntry("Type", "Task").containsEntry("Resource", INVOKE);
        assertThat(map(find.get("Parameters"))).containsEntry("FunctionName", FUNCTION_NAME);
        assertThat(payload).as("the start's request, without a token to wait on").isEqualTo(started);
        assertThat(validator().validate(ContractSchemas.JSON.valueToTree(payload)).violations()).isEmpty();
        // The direct invoke answers {applicationId, sessionId, arn, clientToken, requestIdentity}.
        assertThat(map(find.get("ResultSelector"))).containsEntry("applicationId.$", "$.Payload.applicationId")
                .containsEntry("sessionId.$", "$.Payload.sessionId");
        assertThat(find).containsEntry("ResultPath", "$.session").containsEntry("Next", TERMINATE);
    }

    @Test
    void terminate_payload_ends_the_session_the_start_kept() throws IOException {
        Map<String, Object> request = input(sampleRequest());
        Map<String, Object> data = new LinkedHashMap<>(request);
        data.put("session", Map.of("applicationId", APPLICATION_ID, "sessionId", "00fksession0001",
                "arn", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + APPLICATION_ID
                        + "/sessions/00fksession0001",
                "clientToken", "ess1-token", "requestIdentity", EXECUTION_ID + "/" + START, "state", "IDLE"));

        Map<String, Object> payload = payload(TERMINATE, request, data);
        Validation validation = validator().validate(ContractSchemas.JSON.valueToTree(payload));

        assertThat(validation.violations()).as("%s", payload).isEmpty();
        assertThat(validation.refusals()).isEmpty();
        assertThat(validation.request().terminates()).isTrue();
        assertThat(validation.request().sessionId()).isEqualTo("00fksession0001");
        assertThat(validation.request().applicationId()).isEqualTo(APPLICATION_ID);
        assertThat(payload).containsEntry("action", "terminate").containsEntry("taskToken", TASK_TOKEN)
                .containsEntry("idempotencyKey", EXECUTION_ID + "/" + TERMINATE);
    }

    /** The teardown always runs once a session may exist, as Airflow's stop operator with trigger_rule=ALL_DONE. */
    @Test
    void every_error_once_the_session_may_exist_leads_through_terminate_and_then_fails_the_execution() {
        List<Map<String, Object>> startCatchers = catchers(START);
        Set<Object> caughtBefore = new HashSet<>();
        for (Map<String, Object> catcher : startCatchers.subList(0, startCatchers.size() - 1)) {
            caughtBefore.addAll(list(catcher.get("ErrorEquals")));
            assertThat(state((String) catcher.get("Next")).get("Type")).as("nothing to end: straight to Fail")
                    .isEqualTo("Fail");
        }
        assertThat(caughtBefore).containsExactlyInAnyOrderElementsOf(BEFORE_ANY_SESSION);
        // Everything else, once the session may exist.
        Map<String, Object> afterStart = startCatchers.get(startCatchers.size() - 1);
        assertThat(list(afterStart.get("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(reaches((String) afterStart.get("Next"), FIND)).as("the session id is looked up first").isTrue();

        // Every other state that catches (the work, and whatever is added to it) goes on to Terminate.
        int catchingStates = 0;
        for (String name : states().keySet()) {
            if (List.of(START, FIND, TERMINATE).contains(name) || catchers(name).isEmpty()) {
                continue;
            }
            catchingStates++;
            assertThat(catchers(name).stream().flatMap(c -> list(c.get("ErrorEquals")).stream())).as(name)
                    .contains("States.ALL");
        }
        assertThat(catchingStates).as("the work catches").isPositive();
        assertThat(catchers(WORK)).isNotEmpty();
        for (String name : states().keySet()) {
            if (List.of(FIND, TERMINATE).contains(name)) {
                continue;
            }
            for (Map<String, Object> catcher : catchers(name)) {
                String next = (String) catcher.get("Next");
                if (name.equals(START) && caughtBefore.containsAll(list(catcher.get("ErrorEquals")))) {
                    continue;
                }
                assertThat(reaches(next, TERMINATE)).as("%s catches into %s, which leads to Terminate", name, next)
                        .isTrue();
                // The default ResultPath "$" would replace the session with the error; AfterTeardown tests $.error.
                assertThat(catcher).as(name).containsEntry("ResultPath", "$.error");
            }
        }
        // The teardown's own failure ends the execution: nothing else could end the session.
        for (String name : List.of(FIND, TERMINATE)) {
            assertThat(catchers(name)).as(name).singleElement().satisfies(catcher -> {
                assertThat(list(catcher.get("ErrorEquals"))).containsExactly("States.ALL");
                assertThat(catcher.get("ResultPath")).isNotEqualTo("$.error");
                assertThat(state((String) catcher.get("Next")).get("Type")).isEqualTo("Fail");
            });
        }
        // Once the session is terminated: a caught error fails the execution with its name, else it succeeds.
        Map<String, Object> failed = state(afterTeardown(true));
        assertThat(failed).containsEntry("Type", "Fail").containsEntry("ErrorPath", "$.error.Error");
        assertThat(state(afterTeardown(false)).get("Type")).isEqualTo("Succeed");
    }

    @Test
    void retries_the_retryable_error_and_never_a_permanent_one() {
        Set<String> permanent = new HashSet<>();
        for (TaskFailure failure : TaskFailure.values()) {
            if (failure != TaskFailure.START_FAILED) {
                permanent.add(failure.errorName());
            }
        }
        for (String name : List.of(START, FIND, TERMINATE)) {
            assertThat(retried(name)).as(name).contains(RETRYABLE, "Lambda.ServiceException",
                    "Lambda.TooManyRequestsException");
        }
        allStates().forEach((name, state) -> {
            if (state.containsKey("Retry")) {
                assertThat(retried(name)).as(name).doesNotContainAnyElementsOf(permanent).doesNotContain("States.ALL");
                for (Object retrier : list(state.get("Retry"))) {
                    assertThat(Double.parseDouble(String.valueOf(map(retrier).get("BackoffRate")))).isGreaterThan(1.0);
                }
            }
        });
    }

    @Test
    void state_machine_role_may_only_invoke_the_direct_functions_alias() {
        Map<String, Object> machine = properties(STATE_MACHINE);

        assertThat(list(machine.get("Policies"))).singleElement().satisfies(policy -> {
            assertThat(list(map(policy).get("Statement"))).singleElement().satisfies(statement -> {
                assertThat(map(statement)).containsEntry("Effect", "Allow")
                        .containsEntry("Action", "lambda:InvokeFunction").containsEntry("Resource", DIRECT_ALIAS)
                        .doesNotContainKey("NotResource");
            });
        });
        // No role of its own, and nothing that makes SAM add to the one it creates.
        assertThat(machine).doesNotContainKeys("Role", "RolePath", "PermissionsBoundary", "Logging", "Tracing",
                "Events");
        // So every task may only invoke that alias.
        allStates().forEach((name, state) -> {
            if ("Task".equals(state.get("Type"))) {
                assertThat((String) state.get("Resource")).as(name).isIn(INVOKE, WAIT_FOR_TOKEN);
                assertThat(map(state.get("Parameters"))).as(name).containsEntry("FunctionName", FUNCTION_NAME);
            }
        });
    }

    // ==== usage: the Session Ended events in a log group, and the README's query on it ==============================

    @Test
    void session_ended_events_of_this_stack_go_to_the_usage_log_group() throws IOException {
        Map<String, Object> rule = properties(USAGE_RULE);
        Map<String, Object> nestedOutputs = map(functionStack.get("Outputs"));

        assertThat(resource(USAGE_LOG).get("Type")).isEqualTo("AWS::Logs::LogGroup");
        assertThat(properties(USAGE_LOG)).containsKey("RetentionInDays");
        assertThat(resource(USAGE_RULE).get("Type")).isEqualTo("AWS::Events::Rule");
        assertThat(nestedOutputs).containsKeys("EventBusName", "EventSource");
        assertThat(rule).containsEntry("EventBusName", Map.of("Fn::GetAtt", List.of(NESTED, "Outputs.EventBusName")))
                .containsEntry("State", "ENABLED");
        assertThat(map(rule.get("EventPattern"))).containsOnly(
                Map.entry("source", List.of(Map.of("Fn::GetAtt", List.of(NESTED, "Outputs.EventSource")))),
                Map.entry("detail-type", List.of(OutcomeEvents.ENDED)));
        assertThat(list(rule.get("Targets"))).singleElement().satisfies(target -> {
            assertThat((String) map(map(target).get("Arn")).get("Fn::Sub")).startsWith("arn:${AWS::Partition}:logs:")
                    .endsWith(":log-group:${" + USAGE_LOG + "}");
            assertThat(map(target)).doesNotContainKey("RoleArn");
        });

        // CloudWatch Logs lets EventBridge write under a resource policy: this log group only, for this rule only.
        assertThat(resource(USAGE_POLICY).get("Type")).isEqualTo("AWS::Logs::ResourcePolicy");
        List<Object> sub = list(map(properties(USAGE_POLICY).get("PolicyDocument")).get("Fn::Sub"));
        Map<String, Object> variables = map(sub.get(1));
        JsonNode statement = ContractSchemas.JSON.readTree((String) sub.get(0)).path("Statement");
        assertThat(statement.size()).isEqualTo(1);
        JsonNode grant = statement.get(0);
        assertThat(grant.path("Effect").asText()).isEqualTo("Allow");
        assertThat(ContractSchemas.JSON.convertValue(grant.path("Principal").path("Service"), List.class))
                .contains("events.amazonaws.com");
        assertThat(ContractSchemas.JSON.convertValue(grant.path("Action"), List.class))
                .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(variables.get(subVariable(grant.path("Resource").asText())))
                .isEqualTo(Map.of("Fn::GetAtt", List.of(USAGE_LOG, "Arn")));
        assertThat(variables.get(subVariable(grant.path("Condition").path("ArnEquals").path("aws:SourceArn").asText())))
                .isEqualTo(Map.of("Fn::GetAtt", List.of(USAGE_RULE, "Arn")));
    }

    @Test
    void readme_sums_usage_per_day_and_team_with_members_the_session_ended_event_has() throws IOException {
        String readme = Files.readString(EXAMPLES.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("(?ms)^```([a-z]*)\\n(.*?)^```").matcher(readme);
        String query = null;
        while (block.find()) {
            if (block.group(1).isEmpty() && block.group(2).contains("stats ")) {
                query = block.group(2);
            }
        }
        assertThat(query).as("a Logs Insights query in the README").isNotNull();
        Set<String> members = new LinkedHashSet<>();
        Matcher member = Pattern.compile("\\bdetail\\.([A-Za-z0-9.]+)").matcher(query);
        while (member.find()) {
            members.add(member.group(1));
        }

        assertThat(members).contains("billedResourceUtilization.vCPUHour", "totalExecutionDurationSeconds",
                "tags.team", "clientToken");
        for (String name : members) {
            assertThat(endedDetailHas(name)).as("the Session Ended detail has %s", name).isTrue();
        }
        // One row per clientToken first (a session may be reported twice), then per day and team.
        assertThat(query).contains("`detail-type` = \"" + OutcomeEvents.ENDED + "\"", "/ 3600", "datefloor(", "1d)")
                .containsPattern("(?s)stats .* by detail\\.clientToken.*\\| stats .* by .*team");
        assertThat(readme).contains("aws stepfunctions start-execution", "$(out SessionStateMachineArn)",
                "$(out SessionUsageLogGroupName)");
    }

    @Test
    void outputs_name_the_state_machine_and_the_usage_log_group() {
        Map<String, Object> outputs = map(example.get("Outputs"));

        assertThat(map(outputs.get("SessionStateMachineArn"))).containsEntry("Value", ref(STATE_MACHINE));
        assertThat(map(outputs.get("SessionUsageLogGroupName"))).containsEntry("Value", ref(USAGE_LOG));
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

    private static JsonNode sampleRequest() throws IOException {
        return ContractSchemas.JSON.readTree(EXAMPLES.resolve("request.json").toFile());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(JsonNode request) {
        return ContractSchemas.JSON.convertValue(request, LinkedHashMap.class);
    }

    /** The function's request validation as the example stack configures it. */
    private static RequestValidator validator() {
        Map<String, String> environment = new HashMap<>(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, APPLICATION_ID,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, ROLE_ARN,
                Settings.DEFAULT_APPLICATION_ID, APPLICATION_ID,
                Settings.DEFAULT_EXECUTION_ROLE_ARN, ROLE_ARN,
                Settings.DEFAULT_IDLE_TIMEOUT_MINUTES,
                String.valueOf(map(map(example.get("Parameters")).get("SessionIdleTimeoutMinutes")).get("Default")),
                Settings.WATCH_QUEUE_URL, "https://sqs.us-east-1.amazonaws.com/123456789012/watch"));
        return new RequestValidator(Settings.fromEnvironment(environment, Settings.QueueTrigger.NOT_USED)
                .requestPolicy());
    }

    private static Map<String, Object> definition() {
        return map(properties(STATE_MACHINE).get("Definition"));
    }

    private static Map<String, Object> states() {
        return map(definition().get("States"));
    }

    private static Map<String, Object> state(String name) {
        Object state = states().get(name);
        assertThat(state).as("state %s", name).isNotNull();
        return map(state);
    }

    /** The top-level states and those of every Parallel branch. */
    private static Map<String, Map<String, Object>> allStates() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        Deque<Map<String, Object>> levels = new ArrayDeque<>(List.of(states()));
        while (!levels.isEmpty()) {
            levels.pop().forEach((name, state) -> {
                all.put(name, map(state));
                if (map(state).containsKey("Branches")) {
                    list(map(state).get("Branches")).forEach(branch -> levels.push(map(map(branch).get("States"))));
                }
            });
        }
        return all;
    }

    private static List<Map<String, Object>> catchers(String name) {
        Object catchers = state(name).get("Catch");
        return catchers == null ? List.of() : list(catchers).stream().map(CloudFormationYaml::map).toList();
    }

    private static List<Object> retried(String name) {
        Object retriers = allStates().get(name).get("Retry");
        return retriers == null ? List.of()
                : list(retriers).stream().flatMap(r -> list(map(r).get("ErrorEquals")).stream()).toList();
    }

    /** Where a Choice state goes, for one answer to the IsPresent tests on $.error it makes. */
    private static String choose(Map<String, Object> choice, boolean errorCaught) {
        for (Object rule : list(choice.get("Choices"))) {
            assertThat(map(rule)).as("a test of whether an error was caught")
                    .containsEntry("Variable", "$.error").containsKey("IsPresent");
            if (Boolean.valueOf(errorCaught).equals(map(rule).get("IsPresent"))) {
                return (String) map(rule).get("Next");
            }
        }
        return (String) choice.get("Default");
    }

    /** The states an execution goes through when nothing fails. */
    private static List<String> pathWithoutErrors() {
        List<String> path = new ArrayList<>();
        String name = (String) definition().get("StartAt");
        while (name != null) {
            assertThat(path).as("no loop").doesNotContain(name);
            path.add(name);
            Map<String, Object> state = state(name);
            name = "Choice".equals(state.get("Type")) ? choose(state, false) : (String) state.get("Next");
        }
        return path;
    }

    /** The state Terminate leads to, with or without an error caught on the way. */
    private static String afterTeardown(boolean errorCaught) {
        String name = (String) state(TERMINATE).get("Next");
        while ("Choice".equals(state(name).get("Type"))) {
            name = choose(state(name), errorCaught);
        }
        return name;
    }

    /** Whether {@code target} follows {@code from} by Next, Default or a choice, as when the state before succeeds. */
    private static boolean reaches(String from, String target) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(from));
        while (!next.isEmpty()) {
            String name = next.pop();
            if (name.equals(target)) {
                return true;
            }
            if (!seen.add(name)) {
                continue;
            }
            Map<String, Object> state = state(name);
            Stream.concat(Stream.of(state.get("Next"), state.get("Default")),
                            state.containsKey("Choices")
                                    ? list(state.get("Choices")).stream().map(rule -> map(rule).get("Next"))
                                    : Stream.empty())
                    .filter(n -> n != null).forEach(n -> next.push((String) n));
        }
        return false;
    }

    /** What a lambda:invoke task of the state machine sends as its payload, given the execution input and its own. */
    private static Map<String, Object> payload(String name, Map<String, Object> executionInput,
            Map<String, Object> stateInput) {
        Map<String, Object> context = Map.of("$$.Execution.Id", EXECUTION_ID, "$$.Execution.Name", EXECUTION_NAME,
                "$$.Execution.Input", executionInput, "$$.State.Name", name, "$$.Task.Token", TASK_TOKEN);
        Map<String, Object> parameters = map(state(name).get("Parameters"));
        if (parameters.containsKey("Payload.$")) {
            return map(new Intrinsics((String) parameters.get("Payload.$"), context, stateInput).evaluate());
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        map(parameters.get("Payload")).forEach((field, value) -> {
            if (field.endsWith(".$")) {
                payload.put(field.substring(0, field.length() - 2),
                        new Intrinsics((String) value, context, stateInput).evaluate());
            } else {
                payload.put(field, value);
            }
        });
        return payload;
    }

    /**
     * Evaluates the paths and intrinsic functions the state machine's payloads use ({@code States.Format},
     * {@code States.StringToJson}, {@code States.JsonMerge}), as Step Functions does. A path that does not exist fails
     * the test, as it would fail the execution.
     */
    private static final class Intrinsics {
        private final String text;
        private final Map<String, Object> context;
        private final Map<String, Object> stateInput;
        private int at;

        Intrinsics(String text, Map<String, Object> context, Map<String, Object> stateInput) {
            this.text = text.strip();
            this.context = context;
            this.stateInput = stateInput;
        }

        Object evaluate() {
            Object value = term();
            assertThat(at).as("all of %s read", text).isEqualTo(text.length());
            return value;
        }

        /** A string literal, kept as written: States.Format reads its escapes itself. */
        private record Literal(String raw) {
            String text() {
                return raw.replaceAll("\\\\(.)", "$1");
            }
        }

        private Object term() {
            while (Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (text.charAt(at) == '\'') {
                int end = at + 1;
                while (text.charAt(end) != '\'') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                Literal literal = new Literal(text.substring(at + 1, end));
                at = end + 1;
                return literal;
            }
            int end = at;
            while (end < text.length() && ",()".indexOf(text.charAt(end)) < 0
                    && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String word = text.substring(at, end);
            at = end;
            if (word.startsWith("States.")) {
                return call(word);
            }
            if (word.equals("true") || word.equals("false")) {
                return Boolean.valueOf(word);
            }
            return path(word);
        }

        private Object call(String function) {
            assertThat(text.charAt(at++)).isEqualTo('(');
            List<Object> arguments = new ArrayList<>();
            while (true) {
                arguments.add(term());
                while (Character.isWhitespace(text.charAt(at))) {
                    at++;
                }
                char next = text.charAt(at++);
                if (next == ')') {
                    break;
                }
                assertThat(next).as("in %s", text).isEqualTo(',');
            }
            return switch (function) {
                case "States.Format" -> format(((Literal) arguments.get(0)).raw(),
                        arguments.subList(1, arguments.size()));
                case "States.StringToJson" -> json(string(arguments.get(0)));
                case "States.JsonMerge" -> {
                    assertThat(arguments.get(2)).as("a shallow merge").isEqualTo(false);
                    Map<String, Object> merged = new LinkedHashMap<>(map(arguments.get(0)));
                    merged.putAll(map(arguments.get(1)));
                    yield merged;
                }
                default -> throw new AssertionError("not evaluated here: " + function);
            };
        }

        private static String format(String template, List<Object> arguments) {
            StringBuilder out = new StringBuilder();
            int next = 0;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '\\') {
                    out.append(template.charAt(++i));
                } else if (template.startsWith("{}", i)) {
                    out.append(string(arguments.get(next++)));
                    i++;
                } else {
                    out.append(c);
                }
            }
            assertThat(next).as("every argument of %s used", template).isEqualTo(arguments.size());
            return out.toString();
        }

        private static String string(Object value) {
            return value instanceof Literal literal ? literal.text() : (String) value;
        }

        private static Object json(String text) {
            try {
                return ContractSchemas.JSON.readValue(text, LinkedHashMap.class);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        private Object path(String path) {
            if (path.startsWith("$$.")) {
                assertThat(context).as("context %s", path).containsKey(path);
                return context.get(path);
            }
            assertThat(path).startsWith("$.");
            Object value = stateInput;
            for (String member : path.substring(2).split("\\.")) {
                assertThat(map(value)).as("%s in the state's input", path).containsKey(member);
                value = map(value).get(member);
            }
            return value;
        }
    }

    /** Whether the detail of a Session Ended event has this member, as outcome-event.schema.json describes it. */
    private static boolean endedDetailHas(String member) throws IOException {
        JsonNode schema = ContractSchemas.JSON.readTree(
                ContractSchemas.SCHEMAS.resolve("outcome-event.schema.json").toFile());
        List<JsonNode> candidates = List.of(schema.at("/$defs/EndedDetail"));
        for (String name : member.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode candidate : candidates) {
                next.addAll(members(schema, candidate, name));
            }
            candidates = next;
        }
        return !candidates.isEmpty();
    }

    private static List<JsonNode> members(JsonNode schema, JsonNode node, String name) {
        JsonNode resolved = node.has("$ref") ? schema.at(node.get("$ref").asText().substring(1)) : node;
        List<JsonNode> found = new ArrayList<>();
        if (resolved.path("properties").has(name)) {
            found.add(resolved.path("properties").get(name));
        } else if (resolved.path("additionalProperties").isObject()) {
            found.add(resolved.get("additionalProperties"));
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : resolved.path(combinator)) {
                found.addAll(members(schema, part, name));
            }
        }
        return found;
    }

    /** {@code ${Name}} in a Fn::Sub string: Name. */
    private static String subVariable(String text) {
        assertThat(text).matches("\\$\\{[A-Za-z0-9]+}");
        return text.substring(2, text.length() - 1);
    }

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


    private static long toLong(Object value) {
        return Long.parseLong(String.valueOf(value));
    }
}

package dev.emrsessionstarter.contract;

import static dev.emrsessionstarter.testing.CloudFormationYaml.list;
import static dev.emrsessionstarter.testing.CloudFormationYaml.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.config.SettingsException;
import dev.emrsessionstarter.core.watching.WatchPolicy;
import dev.emrsessionstarter.entrypoint.InvocationMetrics;
import dev.emrsessionstarter.testing.CloudFormationYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Structural checks of {@code template.yaml} (the SAM template) that cfn-lint cannot make: handler names, SnapStart,
 * the SQS wiring rules (request queue and watch queue), environment variables and the parameters behind them,
 * least-privilege IAM, the optional triggers and the alarms. Parameters resolve to their defaults unless a test sets
 * them.
 */
class TemplateTest {

    private static final String SQS_FUNCTION = "SqsSessionRequestFunction";
    private static final String EVENTBRIDGE_FUNCTION = "EventBridgeSessionRequestFunction";
    private static final String DIRECT_FUNCTION = "DirectSessionRequestFunction";
    private static final String READINESS_FUNCTION = "ReadinessCheckFunction";
    private static final String PACKAGE = "dev.emrsessionstarter.entrypoint.";

    /** Each function's handler; {@link #handler_classes_exist_with_their_triggers_event_types} checks the classes. */
    private static final Map<String, String> HANDLERS = Map.of(
            SQS_FUNCTION, PACKAGE + "SqsSessionRequestHandler::handleRequest",
            EVENTBRIDGE_FUNCTION, PACKAGE + "EventBridgeSessionRequestHandler::handleRequest",
            DIRECT_FUNCTION, PACKAGE + "DirectSessionRequestHandler::handleRequest",
            READINESS_FUNCTION, PACKAGE + "ReadinessCheckHandler::handleRequest");

    /** The functions that take session requests (and start sessions). */
    private static final List<String> REQUEST_FUNCTIONS = List.of(SQS_FUNCTION, EVENTBRIDGE_FUNCTION, DIRECT_FUNCTION);

    /** A function an SQS event source mapping feeds, with its queue, dead-letter queue and parameters. */
    record QueueTrigger(String function, String queue, String deadLetterQueue, String maxReceiveCount,
            String maximumConcurrency) {
        @Override
        public String toString() {
            return function;
        }
    }

    private static final List<QueueTrigger> QUEUE_TRIGGERS = List.of(
            new QueueTrigger(SQS_FUNCTION, "RequestQueue", "RequestDeadLetterQueue", "MaxReceiveCount",
                    "SqsMaximumConcurrency"),
            new QueueTrigger(READINESS_FUNCTION, "WatchQueue", "WatchDeadLetterQueue", "WatchMaxReceiveCount",
                    "ReadinessCheckMaximumConcurrency"));

    /** The environment variable each readiness parameter sets. */
    private static final Map<String, String> READINESS_PARAMETERS = Map.of(
            Settings.READINESS_WATCH, "ReadinessWatch",
            Settings.READINESS_FIRST_CHECK_SECONDS, "ReadinessFirstCheckSeconds",
            Settings.READINESS_MAX_CHECK_SECONDS, "ReadinessMaxCheckSeconds",
            Settings.READINESS_TIMEOUT_MINUTES, "ReadinessTimeoutMinutes",
            Settings.TERMINATE_UNREADY_SESSIONS, "TerminateUnreadySessions");

    /** Set on every function (Globals or the function itself); DEFAULT_* only when their parameter is set. */
    private static final List<String> COMMON_ENV = List.of(
            "EVENT_BUS_NAME", "EVENT_SOURCE", "ALLOWED_APPLICATION_IDS", "ALLOWED_EXECUTION_ROLE_ARNS",
            "DEFAULT_APPLICATION_ID", "DEFAULT_EXECUTION_ROLE_ARN", "DEFAULT_IDLE_TIMEOUT_MINUTES",
            "MAX_REQUEST_BYTES", "START_SESSION_CONCURRENCY", "POWERTOOLS_SERVICE_NAME",
            "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL", "JAVA_TOOL_OPTIONS", "WATCH_QUEUE_URL",
            "READINESS_WATCH", "READINESS_FIRST_CHECK_SECONDS", "READINESS_MAX_CHECK_SECONDS",
            "READINESS_TIMEOUT_MINUTES", "TERMINATE_UNREADY_SESSIONS");

    private static final List<String> PERMANENT_ERRORS = List.of(
            PACKAGE + "InvalidSessionRequestException",
            PACKAGE + "SessionRequestNotAllowedException",
            PACKAGE + "SessionStartRejectedException");
    private static final String RETRYABLE_ERROR = PACKAGE + "SessionStartRetryableException";
    /** What a waiting Step Functions task can fail with: the direct invoke's errors and the watch's two. */
    private static final List<String> TASK_ERRORS = List.of(
            PACKAGE + "InvalidSessionRequestException",
            PACKAGE + "SessionRequestNotAllowedException",
            PACKAGE + "SessionStartRejectedException",
            PACKAGE + "SessionStartRetryableException",
            PACKAGE + "SessionFailedException",
            PACKAGE + "SessionNotReadyException");

    private static final String SESSION_STARTER_POLICY = "SessionStarterPolicy";
    private static final String READINESS_CHECK_POLICY = "ReadinessCheckPolicy";
    private static final List<String> TASK_COMPLETION = List.of("states:SendTaskSuccess", "states:SendTaskFailure");
    private static final String TASK_HEARTBEAT = "states:SendTaskHeartbeat";

    private static Map<String, Object> template;

    @BeforeAll
    static void load() {
        template = CloudFormationYaml.load(ContractSchemas.PROJECT.resolve("template.yaml"));
    }

    // ---- functions ---------------------------------------------------------------------------------------------

    @Test
    void is_a_sam_template_with_four_functions() {
        assertThat(template.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(resourcesOfType("AWS::Serverless::Function")).containsOnlyKeys(HANDLERS.keySet());
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_has_its_handler_and_runtime(String function) {
        assertThat(effective(function, "Handler")).isEqualTo(HANDLERS.get(function));
        assertThat(effective(function, "Runtime")).isEqualTo("java21");
        assertThat(effective(function, "CodeUri")).isEqualTo("function/target/emr-session-starter.zip");
    }

    /**
     * Every handler reads its event from the input stream with the function's own Jackson: the runtime's POJO binding
     * (about 850 classes) is never loaded. The typed overloads are what tests and local runs call.
     */
    @ParameterizedTest
    @MethodSource("functions")
    void handler_class_reads_its_event_as_a_stream(String function) throws Exception {
        assertThat(handlerInterface(function)).isEqualTo("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    }

    @Test
    void queue_handlers_take_sqs_batches_and_answer_with_partial_failures() throws Exception {
        for (String function : List.of(SQS_FUNCTION, READINESS_FUNCTION)) {
            assertThat(typedEntry(function, SQSEvent.class).getReturnType()).as(function)
                    .isEqualTo(SQSBatchResponse.class);
        }
    }

    @Test
    void eventbridge_handler_takes_a_scheduled_event() throws Exception {
        assertThat(typedEntry(EVENTBRIDGE_FUNCTION, ScheduledEvent.class).getReturnType()).isEqualTo(Void.class);
    }

    private static java.lang.reflect.Method typedEntry(String function, Class<?> event) throws Exception {
        String handler = HANDLERS.get(function);
        return Class.forName(handler.substring(0, handler.indexOf("::"))).getMethod("handleRequest", event,
                Context.class);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_sets_every_setting_the_code_reads(String function) {
        Map<String, Object> env = environment(function);
        for (String setting : Settings.ALL) {
            if (setting.equals(Settings.MAX_RECEIVE_COUNT) && queueTrigger(function) == null) {
                continue;
            }
            assertThat(env).as(function + " sets " + setting).containsKey(setting);
        }
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_reads_the_readiness_settings_from_the_stack(String function) {
        Map<String, Object> env = environment(function);

        assertThat(env).containsEntry(Settings.WATCH_QUEUE_URL, ref("WatchQueue"));
        READINESS_PARAMETERS.forEach((setting, parameter) -> assertThat(env).containsEntry(setting, ref(parameter)));
    }

    /** The handler class's Lambda interface, with its type arguments; it must also have a public no-arg constructor. */
    private static String handlerInterface(String function) throws Exception {
        String handler = HANDLERS.get(function);
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(type.getConstructor()).as(type + " has a public no-argument constructor for Lambda").isNotNull();
        assertThat(type.getMethods()).as(type + " has handleRequest")
                .anyMatch(method -> method.getName().equals("handleRequest"));
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            Optional<String> handlerType = java.util.Arrays.stream(declaring.getGenericInterfaces())
                    .map(java.lang.reflect.Type::getTypeName)
                    .filter(name -> name.startsWith("com.amazonaws.services.lambda.runtime.Request")).findFirst();
            if (handlerType.isPresent()) {
                return handlerType.get();
            }
        }
        throw new AssertionError(type + " implements no Lambda handler interface");
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_uses_snap_start_on_a_published_alias(String function) {
        assertThat(map(effective(function, "SnapStart"))).containsEntry("ApplyOn", "PublishedVersions");
        assertThat(effective(function, "AutoPublishAlias")).isInstanceOf(String.class).asString().isNotBlank();
        assertThat(effective(function, "AutoPublishAliasAllProperties")).isEqualTo(true);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_has_memory_and_timeout_from_parameters(String function) {
        assertThat(effective(function, "MemorySize")).isEqualTo(ref("FunctionMemorySize"));
        assertThat(parameter("FunctionMemorySize").get("Default")).isEqualTo(512);
        assertThat(effective(function, "Timeout")).isEqualTo(ref("FunctionTimeout"));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_has_every_environment_variable(String function) {
        Map<String, Object> env = environment(function);

        assertThat(env).containsKeys(COMMON_ENV.toArray(String[]::new));
        assertThat(env).containsEntry("POWERTOOLS_SERVICE_NAME", "emr-session-starter")
                .containsEntry("POWERTOOLS_METRICS_NAMESPACE", "EmrSessionStarter")
                .containsEntry("EVENT_BUS_NAME", ref("EventBusName"))
                .containsEntry("EVENT_SOURCE", ref("EventSource"))
                .containsEntry("ALLOWED_APPLICATION_IDS", Map.of("Fn::Join", List.of(",", ref("AllowedApplicationIds"))))
                .containsEntry("ALLOWED_EXECUTION_ROLE_ARNS",
                        Map.of("Fn::Join", List.of(",", ref("AllowedExecutionRoleArns"))));
        assertThat(String.valueOf(resolve(env.get("JAVA_TOOL_OPTIONS"), Map.of())))
                .contains("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
        QueueTrigger trigger = queueTrigger(function);
        if (trigger != null) {
            assertThat(env).containsEntry("MAX_RECEIVE_COUNT", ref(trigger.maxReceiveCount()));
        } else {
            assertThat(env).doesNotContainKey("MAX_RECEIVE_COUNT");
        }
    }

    @ParameterizedTest
    @MethodSource("functions")
    void function_logs_to_its_own_log_group(String function) {
        Object logGroup = map(properties(function).get("LoggingConfig")).get("LogGroup");
        String logGroupId = (String) map(logGroup).get("Ref");
        Map<String, Object> group = properties(logGroupId);

        assertThat(resource(logGroupId).get("Type")).isEqualTo("AWS::Logs::LogGroup");
        assertThat(group.get("RetentionInDays")).isEqualTo(ref("LogRetentionInDays"));
        assertThat((String) resolve(group.get("LogGroupName"), Map.of())).startsWith("/aws/lambda/emr-session-starter/");
        assertThat(roleStatements(function)).anySatisfy(s -> {
            assertThat(asList(s.get("Action"))).contains("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(s.get("Resource")).isEqualTo(getAtt(logGroupId, "Arn"));
        });
    }

    // ---- readiness parameters ----------------------------------------------------------------------------------

    /** A numeric readiness parameter with the range and default the function itself applies. */
    record NumericSetting(String setting, long min, long max, long fallback) {
        @Override
        public String toString() {
            return setting;
        }
    }

    static Stream<NumericSetting> numericReadinessSettings() {
        long longestDelay = WatchPolicy.LONGEST_DELAY.toSeconds();
        return Stream.of(
                new NumericSetting(Settings.READINESS_FIRST_CHECK_SECONDS, 1, longestDelay,
                        Settings.DEFAULT_FIRST_CHECK_SECONDS),
                new NumericSetting(Settings.READINESS_MAX_CHECK_SECONDS, 1, longestDelay,
                        Settings.DEFAULT_MAX_CHECK_SECONDS),
                new NumericSetting(Settings.READINESS_TIMEOUT_MINUTES, 1, Settings.MAX_TIMEOUT_MINUTES,
                        Settings.DEFAULT_TIMEOUT_MINUTES));
    }

    @ParameterizedTest
    @MethodSource("numericReadinessSettings")
    void numeric_readiness_parameter_has_the_range_and_default_the_function_applies(NumericSetting expected) {
        Map<String, Object> parameter = parameter(READINESS_PARAMETERS.get(expected.setting()));

        assertThat(parameter.get("Type")).isEqualTo("Number");
        assertThat(toLong(parameter.get("MinValue"))).isEqualTo(expected.min());
        assertThat(toLong(parameter.get("MaxValue"))).isEqualTo(expected.max());
        assertThat(toLong(parameter.get("Default"))).isEqualTo(expected.fallback());

        // The function accepts exactly this range at start-up (the first check may not exceed the longest).
        for (long value : List.of(expected.min(), expected.max())) {
            assertThat(readSettings(withWidestChecks(expected.setting(), value))).as("%s=%s", expected, value)
                    .isNotNull();
        }
        for (long value : List.of(expected.min() - 1, expected.max() + 1)) {
            assertThatThrownBy(() -> readSettings(withWidestChecks(expected.setting(), value)))
                    .as("%s=%s", expected, value).isInstanceOf(SettingsException.class)
                    .hasMessageContaining(expected.setting());
        }
    }

    @Test
    void readiness_parameter_defaults_are_the_functions_defaults() {
        Settings fallback = readSettings(Map.of());
        Map<String, String> deployed = new HashMap<>();
        READINESS_PARAMETERS.forEach((setting, parameter) ->
                deployed.put(setting, String.valueOf(parameter(parameter).get("Default"))));
        Settings stack = readSettings(deployed);

        assertThat(stack.readinessWatch()).isEqualTo(fallback.readinessWatch()).isTrue();
        assertThat(stack.watchPolicy()).isEqualTo(fallback.watchPolicy());
        assertThat(stack.watchPolicy().terminateUnready()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("booleanReadinessParameters")
    void boolean_readiness_parameter_allows_exactly_true_and_false(String setting) {
        Map<String, Object> parameter = parameter(READINESS_PARAMETERS.get(setting));

        assertThat(parameter.get("Type")).isEqualTo("String");
        assertThat(list(parameter.get("AllowedValues"))).containsExactlyInAnyOrder("true", "false");
        for (Object value : list(parameter.get("AllowedValues"))) {
            assertThat(readSettings(Map.of(setting, (String) value))).isNotNull();
        }
    }

    static Stream<String> booleanReadinessParameters() {
        return Stream.of(Settings.READINESS_WATCH, Settings.TERMINATE_UNREADY_SESSIONS);
    }

    /** The settings as the function reads them at start-up, from a deployment with {@code readiness} set. */
    private static Settings readSettings(Map<String, String> readiness) {
        Map<String, String> environment = new HashMap<>(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, "00fkabc123xyz",
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, "arn:aws:iam::123456789012:role/EmrSessionRole",
                Settings.WATCH_QUEUE_URL, "https://sqs.us-east-1.amazonaws.com/123456789012/watch"));
        environment.putAll(readiness);
        return Settings.fromEnvironment(environment, Settings.QueueTrigger.NOT_USED);
    }

    /** {@code setting} at {@code value}, the check intervals otherwise as wide apart as allowed. */
    private static Map<String, String> withWidestChecks(String setting, long value) {
        Map<String, String> environment = new HashMap<>(Map.of(
                Settings.READINESS_FIRST_CHECK_SECONDS, "1",
                Settings.READINESS_MAX_CHECK_SECONDS, String.valueOf(WatchPolicy.LONGEST_DELAY.toSeconds())));
        environment.put(setting, String.valueOf(value));
        return environment;
    }

    // ---- every parameter behind a setting ------------------------------------------------------------------------

    /** A stack parameter that sets a setting: the setting's variable takes it by {@code Ref} (possibly in a branch). */
    record ParameterSetting(String parameter, String setting) {
        @Override
        public String toString() {
            return parameter + " -> " + setting;
        }
    }

    /** Every parameter that reaches a setting of any function, found in the template rather than listed here. */
    static Stream<ParameterSetting> parametersBehindSettings() {
        if (template == null) {
            load();
        }
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, ParameterSetting> found = new java.util.TreeMap<>();
        for (String function : HANDLERS.keySet()) {
            environment(function).forEach((variable, value) -> {
                if (Settings.ALL.contains(variable)) {
                    for (String name : referencedNames(value)) {
                        if (parameters.containsKey(name)) {
                            ParameterSetting pair = new ParameterSetting(name, variable);
                            found.put(pair.toString(), pair);
                        }
                    }
                }
            });
        }
        return found.values().stream();
    }

    @Test
    void the_parameters_behind_settings_are_found() {
        assertThat(parametersBehindSettings().map(ParameterSetting::toString)).contains(
                "StartSessionConcurrency -> " + Settings.START_SESSION_CONCURRENCY,
                "MaxRequestBytes -> " + Settings.MAX_REQUEST_BYTES,
                "MaxReceiveCount -> " + Settings.MAX_RECEIVE_COUNT,
                "WatchMaxReceiveCount -> " + Settings.MAX_RECEIVE_COUNT,
                "DefaultIdleTimeoutMinutes -> " + Settings.DEFAULT_IDLE_TIMEOUT_MINUTES,
                "ReadinessFirstCheckSeconds -> " + Settings.READINESS_FIRST_CHECK_SECONDS,
                "ReadinessMaxCheckSeconds -> " + Settings.READINESS_MAX_CHECK_SECONDS,
                "ReadinessTimeoutMinutes -> " + Settings.READINESS_TIMEOUT_MINUTES,
                "ReadinessWatch -> " + Settings.READINESS_WATCH,
                "TerminateUnreadySessions -> " + Settings.TERMINATE_UNREADY_SESSIONS);
    }

    /**
     * CloudFormation refuses a value outside the parameter's range before the deployment starts; the function refuses
     * one outside the setting's range only when it starts. So the two ranges must be the same: a value CloudFormation
     * accepts must start the function, and every value the function accepts must be deployable. The setting's range
     * is read from the function itself (its start-up check of a value that is not a number names the range), then
     * confirmed at both ends.
     */
    @ParameterizedTest
    @MethodSource("parametersBehindSettings")
    void parameter_allows_exactly_what_its_setting_accepts(ParameterSetting pair) {
        Map<String, Object> parameter = parameter(pair.parameter());
        long[] range = integerRange(pair.setting());

        if (parameter.containsKey("AllowedValues")) {
            for (Object value : list(parameter.get("AllowedValues"))) {
                assertThat(problems(pair.setting(), String.valueOf(value))).as("%s=%s", pair, value).isEmpty();
            }
        } else if ("Number".equals(parameter.get("Type"))) {
            assertThat(range).as("%s is a Number, so its setting must read an integer range", pair).isNotNull();
            assertThat(parameter).as(pair.toString()).containsKeys("MinValue", "MaxValue");
            assertThat(toLong(parameter.get("MinValue"))).as("%s MinValue", pair).isEqualTo(range[0]);
            assertThat(toLong(parameter.get("MaxValue"))).as("%s MaxValue", pair).isEqualTo(range[1]);
        } else if (range != null) {
            // A String parameter (empty = leave the setting unset) must allow the same numbers by its pattern.
            assertThat(parameter).as(pair.toString()).containsKey("AllowedPattern");
            Pattern allowed = Pattern.compile((String) parameter.get("AllowedPattern"));
            assertThat(allowed.matcher("").matches()).as("%s allows empty (unset)", pair).isTrue();
            for (long value : List.of(range[0], range[1])) {
                assertThat(allowed.matcher(String.valueOf(value)).matches()).as("%s allows %s", pair, value).isTrue();
            }
            for (long value : List.of(range[0] - 1, range[1] + 1, range[1] * 10)) {
                assertThat(allowed.matcher(String.valueOf(value)).matches()).as("%s refuses %s", pair, value)
                        .isFalse();
            }
        }
        if (range != null) {
            for (long value : List.of(range[0], range[1])) {
                assertThat(problems(pair.setting(), String.valueOf(value))).as("%s=%s", pair, value).isEmpty();
            }
            for (long value : List.of(range[0] - 1, range[1] + 1)) {
                assertThat(problems(pair.setting(), String.valueOf(value))).as("%s=%s", pair, value).isNotEmpty();
            }
        }
        Object fallback = parameter.get("Default");
        if (fallback != null && !String.valueOf(fallback).isEmpty()) {
            assertThat(problems(pair.setting(), String.valueOf(fallback))).as("%s default", pair).isEmpty();
        }
    }

    /** The integer range the function accepts for {@code setting}, or null when it does not read an integer. */
    private static long[] integerRange(String setting) {
        Matcher named = Pattern.compile(Pattern.quote(setting) + " must be an integer from (-?\\d+) to (-?\\d+)")
                .matcher(String.join("\n", problems(setting, "not-a-number")));
        return named.find() ? new long[] {Long.parseLong(named.group(1)), Long.parseLong(named.group(2))} : null;
    }

    /** What the function's start-up check says about {@code setting} at {@code value}, the rest of it valid. */
    private static List<String> problems(String setting, String value) {
        Map<String, String> environment = new HashMap<>(Map.of(
                Settings.READINESS_FIRST_CHECK_SECONDS, "1",
                Settings.READINESS_MAX_CHECK_SECONDS, String.valueOf(WatchPolicy.LONGEST_DELAY.toSeconds())));
        environment.put(setting, value);
        try {
            readSettings(environment);
            return List.of();
        } catch (SettingsException refused) {
            return refused.problems().stream().filter(problem -> problem.startsWith(setting + " ")).toList();
        }
    }

    /** Every name a {@code Ref} in {@code expression} names, in any branch. */
    private static List<String> referencedNames(Object expression) {
        List<String> names = new ArrayList<>();
        if (expression instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("Ref".equals(key) && value instanceof String name) {
                    names.add(name);
                } else {
                    names.addAll(referencedNames(value));
                }
            });
        } else if (expression instanceof List<?> l) {
            l.forEach(item -> names.addAll(referencedNames(item)));
        }
        return names;
    }

    @Test
    void defaults_are_left_unset_when_their_parameter_is_empty() {
        Map<String, Object> env = environment(DIRECT_FUNCTION);

        assertThat(resolve(env.get("DEFAULT_APPLICATION_ID"), Map.of())).isEqualTo(NO_VALUE);
        assertThat(resolve(env.get("DEFAULT_APPLICATION_ID"), Map.of("DefaultApplicationId", "00fkabc123xyz")))
                .isEqualTo("00fkabc123xyz");
        assertThat(resolve(env.get("DEFAULT_EXECUTION_ROLE_ARN"), Map.of())).isEqualTo(NO_VALUE);
        assertThat(resolve(env.get("DEFAULT_IDLE_TIMEOUT_MINUTES"), Map.of())).isEqualTo(NO_VALUE);
    }

    @Test
    void async_functions_have_concurrency_caps() {
        for (String function : List.of(EVENTBRIDGE_FUNCTION, DIRECT_FUNCTION)) {
            Object reserved = properties(function).get("ReservedConcurrentExecutions");
            Object resolved = resolve(reserved, Map.of());
            assertThat(resolved).as(function).isInstanceOf(Integer.class);
            assertThat((Integer) resolved).isPositive();
        }
    }

    // ---- SQS triggers: the request queue and the watch queue -----------------------------------------------------

    @ParameterizedTest
    @MethodSource("queueTriggers")
    void sqs_event_source_reports_batch_item_failures_and_caps_concurrency(QueueTrigger trigger) {
        Map<String, Object> sqs = onlyEvent(trigger.function(), "SQS");

        assertThat(sqs.get("Queue")).isEqualTo(getAtt(trigger.queue(), "Arn"));
        assertThat(list(sqs.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(sqs.get("BatchSize")).isEqualTo(10);
        Object maxConcurrency = map(sqs.get("ScalingConfig")).get("MaximumConcurrency");
        assertThat(maxConcurrency).isEqualTo(ref(trigger.maximumConcurrency()));
        Map<String, Object> parameter = parameter(trigger.maximumConcurrency());
        assertThat((Integer) parameter.get("MinValue")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) parameter.get("MaxValue")).isLessThanOrEqualTo(1000);
        assertThat((Integer) resolve(maxConcurrency, Map.of())).isBetween(2, 1000);
    }

    @ParameterizedTest
    @MethodSource("queueTriggers")
    void visibility_timeout_is_at_least_six_function_timeouts_for_every_allowed_timeout(QueueTrigger trigger) {
        Object visibility = properties(trigger.queue()).get("VisibilityTimeout");
        Object batchingWindow = onlyEvent(trigger.function(), "SQS").getOrDefault("MaximumBatchingWindowInSeconds", 0);
        Map<String, Object> timeout = parameter("FunctionTimeout");
        List<Object> allowed = list(timeout.get("AllowedValues"));

        assertThat(allowed).as("FunctionTimeout must be limited to values the visibility table covers").isNotEmpty()
                .contains(timeout.get("Default"));
        for (Object seconds : allowed) {
            Map<String, Object> values = Map.of("FunctionTimeout", seconds);
            int functionTimeout = toInt(resolve(effective(trigger.function(), "Timeout"), values));
            int visibilityTimeout = toInt(resolve(visibility, values));
            assertThat(visibilityTimeout).as("visibility timeout for a %ss function", seconds)
                    .isGreaterThanOrEqualTo(6 * functionTimeout + toInt(batchingWindow));
        }
    }

    @ParameterizedTest
    @MethodSource("queueTriggers")
    void max_receive_count_is_the_redrive_policys_own(QueueTrigger trigger) {
        Map<String, Object> redrive = map(properties(trigger.queue()).get("RedrivePolicy"));

        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(getAtt(trigger.deadLetterQueue(), "Arn"));
        assertThat(redrive.get("maxReceiveCount")).isEqualTo(ref(trigger.maxReceiveCount()));
        assertThat(environment(trigger.function()).get("MAX_RECEIVE_COUNT")).isEqualTo(redrive.get("maxReceiveCount"));
        Map<String, Object> parameter = parameter(trigger.maxReceiveCount());
        assertThat(toInt(parameter.get("MinValue"))).isGreaterThanOrEqualTo(1);
        assertThat(toInt(parameter.get("MaxValue"))).isLessThanOrEqualTo(1000);
    }

    @ParameterizedTest
    @MethodSource("queueTriggers")
    void dead_letter_queue_keeps_messages_longer_than_its_queue(QueueTrigger trigger) {
        assertThat(toInt(properties(trigger.deadLetterQueue()).get("MessageRetentionPeriod")))
                .isGreaterThan(toInt(properties(trigger.queue()).get("MessageRetentionPeriod")));
    }

    @Test
    void every_queue_is_encrypted_at_rest() {
        Map<String, Map<String, Object>> queues = resourcesOfType("AWS::SQS::Queue");

        assertThat(queues).containsKeys("WatchQueue", "WatchDeadLetterQueue");
        queues.forEach((id, queue) -> assertThat(map(queue.get("Properties"))).as(id)
                .containsEntry("SqsManagedSseEnabled", true));
    }

    @Test
    void watch_queue_keeps_a_check_through_its_redeliveries_at_the_longest_watch() {
        Map<String, Object> queue = properties("WatchQueue");
        long longestWatch = Settings.MAX_TIMEOUT_MINUTES * 60L;
        long longestDelay = WatchPolicy.LONGEST_DELAY.toSeconds();
        long redeliveries = toLong(parameter("WatchMaxReceiveCount").get("Default"))
                * toLong(resolve(queue.get("VisibilityTimeout"), Map.of()));

        assertThat(queue).doesNotContainKey("FifoQueue").doesNotContainKey("DelaySeconds");
        assertThat(toLong(queue.get("MessageRetentionPeriod")))
                .isGreaterThanOrEqualTo(longestWatch + longestDelay + redeliveries);
    }

    // ---- EventBridge rule ----------------------------------------------------------------------------------------

    @Test
    void rule_matches_only_request_events_and_has_retries_and_dead_letters() {
        Map<String, Object> rule = onlyEvent(EVENTBRIDGE_FUNCTION, "EventBridgeRule");
        Map<String, Object> pattern = map(rule.get("Pattern"));

        assertThat(list(pattern.get("detail-type"))).containsExactly("EMR Serverless Session Request");
        assertThat(list(pattern.get("source"))).containsExactly(ref("RequestEventSource"));
        assertThat(rule.get("EventBusName")).isEqualTo(ref("EventBusName"));
        assertThat(map(rule.get("RetryPolicy"))).containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
        assertThat(map(rule.get("DeadLetterConfig")).get("Arn")).isEqualTo(getAtt("TriggerDeadLetterQueue", "Arn"));
        assertThat(parameter("RequestEventSource").get("Default"))
                .isNotEqualTo(parameter("EventSource").get("Default"));
    }

    @ParameterizedTest
    @MethodSource("asyncFunctions")
    void async_invocations_have_a_failure_destination(String function) {
        Map<String, Object> config = map(properties(function).get("EventInvokeConfig"));
        Map<String, Object> onFailure = map(map(config.get("DestinationConfig")).get("OnFailure"));

        assertThat(onFailure).containsEntry("Type", "SQS")
                .containsEntry("Destination", getAtt("AsyncFailureQueue", "Arn"));
        assertThat(toInt(config.get("MaximumRetryAttempts"))).isBetween(0, 2);
        assertThat(toInt(resolve(config.get("MaximumEventAgeInSeconds"), Map.of()))).isBetween(60, 21600);
    }

    // ---- outcome events log (optional) ---------------------------------------------------------------------------

    private static final List<String> OUTCOME_LOG_RESOURCES =
            List.of("OutcomeEventsLogGroup", "OutcomeEventsRule", "OutcomeEventsLogPolicy");

    @Test
    void outcome_events_log_is_optional_and_off_by_default() {
        Map<String, Object> condition = map(template.get("Conditions"));

        assertThat(parameter("OutcomeEventsLog").get("Default")).isEqualTo("false");
        assertThat(list(parameter("OutcomeEventsLog").get("AllowedValues"))).containsExactlyInAnyOrder("true", "false");
        for (String id : OUTCOME_LOG_RESOURCES) {
            assertThat(resource(id).get("Condition")).as(id).isEqualTo("CreateOutcomeEventsLog");
        }
        assertThat(resolve(condition.get("CreateOutcomeEventsLog"), Map.of())).isEqualTo(false);
        assertThat(resolve(condition.get("CreateOutcomeEventsLog"), Map.of("OutcomeEventsLog", "true"))).isEqualTo(true);
        assertThat(map(map(template.get("Outputs")).get("OutcomeEventsLogGroupName")))
                .containsEntry("Condition", "CreateOutcomeEventsLog")
                .containsEntry("Value", ref("OutcomeEventsLogGroup"));
    }

    @Test
    void outcome_events_rule_copies_exactly_this_stacks_events_into_its_log_group() {
        Map<String, Object> rule = properties("OutcomeEventsRule");
        Map<String, Object> group = properties("OutcomeEventsLogGroup");
        Map<String, Object> target = map(list(rule.get("Targets")).get(0));

        assertThat(rule.get("EventBusName")).isEqualTo(ref("EventBusName"));
        // Every detail-type the functions publish (their PutEvents grants name them), from this stack's source only.
        assertThat(map(rule.get("EventPattern"))).containsOnlyKeys("source");
        assertThat(list(map(rule.get("EventPattern")).get("source"))).containsExactly(ref("EventSource"));
        assertThat(list(rule.get("Targets"))).hasSize(1);
        assertThat(target).doesNotContainKey("RoleArn");
        String name = (String) resolve(group.get("LogGroupName"), Map.of());
        assertThat(name).isEqualTo("/aws/events/emr-session-starter/outcomes");
        assertThat(resolve(target.get("Arn"), Map.of("OutcomeEventsLogGroup", name)))
                .isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/emr-session-starter/outcomes");
        assertThat(group.get("RetentionInDays")).isEqualTo(ref("LogRetentionInDays"));
        assertThat(resource("OutcomeEventsLogGroup")).containsEntry("DeletionPolicy", "Delete");
    }

    @Test
    void outcome_events_log_policy_lets_only_this_rule_write_only_to_this_log_group() throws IOException {
        List<Object> sub = list(map(properties("OutcomeEventsLogPolicy").get("PolicyDocument")).get("Fn::Sub"));
        Map<String, Object> variables = map(sub.get(1));
        JsonNode policy = ContractSchemas.JSON.readTree(((String) sub.get(0))
                .replace("${LogStreams}", "LOG-STREAMS").replace("${Rule}", "RULE"));

        assertThat(variables).containsOnly(Map.entry("LogStreams", getAtt("OutcomeEventsLogGroup", "Arn")),
                Map.entry("Rule", getAtt("OutcomeEventsRule", "Arn")));
        assertThat(policy.path("Statement")).singleElement().satisfies(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.path("Principal").path("Service")).extracting(JsonNode::asText)
                    .contains("events.amazonaws.com");
            assertThat(statement.path("Action")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(statement.path("Resource").asText()).isEqualTo("LOG-STREAMS");
            assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText()).isEqualTo("RULE");
        });
    }

    // ---- optional Scheduler and Step Functions -------------------------------------------------------------------

    @Test
    void schedule_is_optional_and_its_key_is_stable_across_retries() throws IOException {
        Map<String, Object> schedule = resource("SessionSchedule");
        Map<String, Object> target = map(map(schedule.get("Properties")).get("Target"));

        assertThat(schedule.get("Type")).isEqualTo("AWS::Scheduler::Schedule");
        assertThat(schedule.get("Condition")).isEqualTo("CreateSchedule");
        assertThat(resolve(Map.of("Fn::Equals", List.of(ref("ScheduleExpression"), "")), Map.of())).isEqualTo(true);
        assertThat(target.get("Arn")).isEqualTo(ref(DIRECT_FUNCTION + ".Alias"));
        assertThat(map(target.get("RetryPolicy"))).containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
        assertThat(map(target.get("DeadLetterConfig"))).containsKey("Arn");

        String input = (String) resolve(target.get("Input"), Map.of());
        assertThat(input).contains("<aws.scheduler.schedule-arn>", "<aws.scheduler.scheduled-time>")
                .doesNotContain("execution-id");
        String delivered = input.replace("<aws.scheduler.schedule-arn>",
                        "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly-session")
                .replace("<aws.scheduler.scheduled-time>", "2026-11-24T18:00:00Z");
        JsonNode request = ContractSchemas.JSON.readTree(delivered);
        assertThat(ContractSchemas.validateRequest(request)).isEmpty();
        assertThat(request.path("idempotencyKey").asText()).isEqualTo(
                "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly-session/2026-11-24T18:00:00Z");
    }

    @Test
    void state_machine_is_optional_and_waits_for_the_task_token() {
        Map<String, Object> machine = resource("StartSessionStateMachine");
        Map<String, Object> task = stateMachineTask();
        String payload = (String) map(task.get("Parameters")).get("Payload.$");

        assertThat(machine.get("Type")).isEqualTo("AWS::Serverless::StateMachine");
        assertThat(machine.get("Condition")).isEqualTo("CreateStateMachineCondition");
        assertThat(task.get("Resource")).isEqualTo("arn:aws:states:::lambda:invoke.waitForTaskToken");
        assertThat(map(map(machine.get("Properties")).get("DefinitionSubstitutions")))
                .containsEntry("DirectFunctionAliasArn", ref(DIRECT_FUNCTION + ".Alias"));
        assertThat(payload).contains("$$.Execution.Id", "$$.State.Name", "idempotencyKey", "States.Format",
                "\"taskToken\"", "$$.Task.Token");
        // The input wins over the defaults it is merged with, but never over the token, which is merged in last.
        assertThat(payload.indexOf("$$.Task.Token")).isGreaterThan(payload.indexOf(", $, false)"));
        // The task's result is what the function sends with SendTaskSuccess, not the invoke's response.
        assertThat(task).doesNotContainKey("OutputPath");
    }

    @Test
    void state_machine_task_hears_from_every_check_and_outlasts_the_watch() {
        Map<String, Object> task = stateMachineTask();
        int heartbeat = toInt(task.get("HeartbeatSeconds"));
        int timeout = toInt(task.get("TimeoutSeconds"));
        int longestWait = toInt(parameter("ReadinessMaxCheckSeconds").get("Default"));
        int redelivery = toInt(resolve(properties("WatchQueue").get("VisibilityTimeout"), Map.of()));
        int watch = toInt(parameter("ReadinessTimeoutMinutes").get("Default")) * 60;

        assertThat(heartbeat).as("a check and one redelivery fit between two heartbeats")
                .isGreaterThan(longestWait + redelivery);
        assertThat(timeout).as("the watch answers before the task times out").isGreaterThan(watch + heartbeat)
                .isGreaterThan(heartbeat);
    }

    @Test
    void state_machine_retries_transient_errors_and_catches_each_error_the_function_names() {
        Map<String, Object> task = stateMachineTask();
        Map<String, Object> states = map(stateMachineDefinition().get("States"));

        List<Object> retried = new ArrayList<>();
        for (Object retry : list(task.get("Retry"))) {
            retried.addAll(list(map(retry).get("ErrorEquals")));
            assertThat(toDouble(map(retry).get("BackoffRate"))).isGreaterThan(1.0);
        }
        assertThat(retried).contains(RETRYABLE_ERROR, "Lambda.ServiceException", "Lambda.TooManyRequestsException")
                .doesNotContainAnyElementsOf(PERMANENT_ERRORS);

        List<Object> caught = new ArrayList<>();
        for (Object c : list(task.get("Catch"))) {
            List<Object> errors = list(map(c).get("ErrorEquals"));
            if (errors.stream().anyMatch(e -> ((String) e).startsWith(PACKAGE))) {
                assertThat(errors).as("one catcher per error name").hasSize(1);
            }
            caught.addAll(errors);
            assertThat(map(states.get(map(c).get("Next"))).get("Type")).isEqualTo("Fail");
        }
        assertThat(caught.stream().filter(e -> ((String) e).startsWith(PACKAGE)).toList())
                .containsExactlyInAnyOrderElementsOf(TASK_ERRORS);
        assertThat(caught).contains("States.HeartbeatTimeout");
    }

    // ---- IAM -----------------------------------------------------------------------------------------------------

    /**
     * The one exception: Step Functions' SendTask* actions have no resource type, so IAM only accepts "*" for them
     * ({@link #step_functions_tasks_are_completed_with_the_narrowest_grant_iam_has}).
     */
    @Test
    void no_allow_statement_uses_a_wildcard_resource() {
        List<Map<String, Object>> statements = allPolicyStatements();

        assertThat(statements).isNotEmpty().allSatisfy(s -> {
            if ("Allow".equals(s.get("Effect")) && !s.containsKey("Principal")) {
                assertThat(s).containsKey("Resource");
                if (!isTaskCallbackStatement(s)) {
                    assertThat(asList(s.get("Resource"))).as("statement %s", s).doesNotContain("*");
                }
            }
        });
    }

    @Test
    void request_functions_use_explicit_roles_that_carry_the_session_starter_policy() {
        for (String function : REQUEST_FUNCTIONS) {
            assertThat(managedPolicies(function)).as(function).contains(ref(SESSION_STARTER_POLICY))
                    .doesNotContain(ref(READINESS_CHECK_POLICY));
            assertThat(properties(function)).doesNotContainKey("Policies");
        }
    }

    @Test
    void readiness_function_can_neither_start_sessions_nor_pass_roles() {
        assertThat(managedPolicies(READINESS_FUNCTION)).containsExactly(ref(READINESS_CHECK_POLICY));
        assertThat(properties(READINESS_FUNCTION)).doesNotContainKey("Policies");
        assertThat(roleStatements(READINESS_FUNCTION).stream().flatMap(s -> asList(s.get("Action")).stream()))
                .doesNotContain("emr-serverless:StartSession", "emr-serverless:TagResource", "iam:PassRole");
    }

    @Test
    void pass_role_only_for_allowed_roles_and_only_to_emr_serverless() {
        List<Map<String, Object>> passRole = statementsWithAction("iam:PassRole");

        assertThat(passRole).hasSize(1).allSatisfy(s -> {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            assertThat(s.get("Resource")).isEqualTo(ref("AllowedExecutionRoleArns"));
            assertThat(map(map(s.get("Condition")).get("StringEquals")))
                    .containsEntry("iam:PassedToService", "emr-serverless.amazonaws.com");
        });
    }

    @Test
    void put_events_only_on_the_configured_bus_and_only_own_outcome_events() {
        Map<String, List<String>> detailTypes = Map.of(
                SESSION_STARTER_POLICY, List.of("EMR Serverless Session Started", "EMR Serverless Session Start Failed",
                        "EMR Serverless Session Terminated", "EMR Serverless Session Terminate Failed"),
                READINESS_CHECK_POLICY, List.of("EMR Serverless Session Ready", "EMR Serverless Session Failed",
                        "EMR Serverless Session Not Ready", "EMR Serverless Session Ended",
                        "EMR Serverless Session Still Running"));

        assertThat(statementsWithAction("events:PutEvents")).hasSize(2);
        detailTypes.forEach((policy, types) -> {
            List<Map<String, Object>> putEvents = policyStatements(policy).stream()
                    .filter(s -> asList(s.get("Action")).contains("events:PutEvents")).toList();
            assertThat(putEvents).as(policy).hasSize(1).allSatisfy(s -> {
                assertThat(s.get("Action")).isEqualTo("events:PutEvents");
                assertThat(resolve(s.get("Resource"), Map.of("EventBusName", "sessions")))
                        .isEqualTo("arn:aws:events:us-east-1:123456789012:event-bus/sessions");
                Map<String, Object> equals = map(map(s.get("Condition")).get("StringEquals"));
                assertThat(equals.get("events:source")).isEqualTo(ref("EventSource"));
                assertThat(list(equals.get("events:detail-type"))).containsExactlyInAnyOrderElementsOf(types);
            });
        });
    }

    /**
     * The request functions read and end sessions for terminate requests, the readiness function reads them (and
     * ends unready ones where the deployment says so): each only on the allowed applications' sessions here.
     */
    @Test
    void get_and_terminate_session_are_granted_only_on_the_allowed_applications_sessions() {
        Map<String, Object> values = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz", "team*"),
                "TerminateUnreadySessions", "true");
        String here = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/";
        for (String policy : List.of(SESSION_STARTER_POLICY, READINESS_CHECK_POLICY)) {
            for (String action : List.of("emr-serverless:GetSession", "emr-serverless:TerminateSession")) {
                String what = policy + " " + action;
                assertThat(grantedBy(policy, action, values, here + "00fkabc123xyz/sessions/00fks1")).as(what)
                        .isTrue();
                assertThat(grantedBy(policy, action, values, here + "team42/sessions/00fks1")).as(what).isTrue();
                assertThat(grantedBy(policy, action, values, here + "00fkother999/sessions/00fks1"))
                        .as("%s outside the allowlist", what).isFalse();
                assertThat(grantedBy(policy, action, values, here + "00fkabc123xyz9/sessions/00fks1"))
                        .as("%s on an id that only starts with an allowed one", what).isFalse();
                assertThat(grantedBy(policy, action, values, here + "00fkabc123xyz")).as("%s on the application",
                        what).isFalse();
                assertThat(grantedBy(policy, action, values,
                        "arn:aws:emr-serverless:eu-west-1:123456789012:/applications/00fkabc123xyz/sessions/00fks1"))
                        .as("%s in another region", what).isFalse();
                assertThat(grantedBy(policy, action, values,
                        "arn:aws:emr-serverless:us-east-1:210987654321:/applications/00fkabc123xyz/sessions/00fks1"))
                        .as("%s in another account", what).isFalse();
            }
        }
    }

    @Test
    void the_readiness_function_reads_endpoints_only_of_allowed_sessions_and_only_when_ready_events_carry_them() {
        String here = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/";
        Map<String, Object> on = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz"));
        Map<String, Object> off = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz"), "ReadyEndpoint", "false");

        assertThat(grantedBy(READINESS_CHECK_POLICY, "emr-serverless:GetSessionEndpoint", on,
                here + "00fkabc123xyz/sessions/00fks1")).isTrue();
        assertThat(grantedBy(READINESS_CHECK_POLICY, "emr-serverless:GetSessionEndpoint", on,
                here + "00fkother999/sessions/00fks1")).isFalse();
        assertThat(grantedBy(READINESS_CHECK_POLICY, "emr-serverless:GetSessionEndpoint", off,
                here + "00fkabc123xyz/sessions/00fks1")).isFalse();
        assertThat(grantedBy(SESSION_STARTER_POLICY, "emr-serverless:GetSessionEndpoint", on,
                here + "00fkabc123xyz/sessions/00fks1")).as("the request functions never need it").isFalse();
    }

    @Test
    void the_request_functions_read_allowed_applications_and_start_them_only_when_the_deployment_says_so() {
        String here = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/";
        Map<String, Object> off = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz", "team*"));
        Map<String, Object> on = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz", "team*"),
                "StartStoppedApplications", "true");

        assertThat(grantedBy(SESSION_STARTER_POLICY, "emr-serverless:GetApplication", off, here + "00fkabc123xyz"))
                .isTrue();
        assertThat(grantedBy(SESSION_STARTER_POLICY, "emr-serverless:GetApplication", off, here + "team42")).isTrue();
        assertThat(grantedBy(SESSION_STARTER_POLICY, "emr-serverless:GetApplication", off, here + "00fkother999"))
                .isFalse();
        assertThat(grantedBy(SESSION_STARTER_POLICY, "emr-serverless:StartApplication", off, here + "00fkabc123xyz"))
                .isFalse();
        assertThat(grantedBy(SESSION_STARTER_POLICY, "emr-serverless:StartApplication", on, here + "00fkabc123xyz"))
                .isTrue();
        assertThat(grantedBy(SESSION_STARTER_POLICY, "emr-serverless:StartApplication", on, here + "00fkother999"))
                .isFalse();
        assertThat(parameter("StartStoppedApplications").get("Default")).isEqualTo("false");
    }

    @Test
    void the_readiness_function_terminates_sessions_only_when_unready_sessions_are_terminated() {
        String session = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00fkabc123xyz/sessions/00fks1";
        Map<String, Object> off = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz"));
        Map<String, Object> on = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz"),
                "TerminateUnreadySessions", "true");

        assertThat(parameter("TerminateUnreadySessions").get("Default")).isEqualTo("false");
        assertThat(grantedBy(READINESS_CHECK_POLICY, "emr-serverless:TerminateSession", off, session)).isFalse();
        assertThat(grantedBy(READINESS_CHECK_POLICY, "emr-serverless:TerminateSession", on, session)).isTrue();
    }

    @Test
    void send_message_on_the_watch_queue_for_every_function_that_schedules_checks_and_only_there() {
        Object watchQueue = getAtt("WatchQueue", "Arn");

        for (String function : HANDLERS.keySet()) {
            assertThat(roleStatements(function)).as(function).anySatisfy(s -> {
                assertThat(s.get("Effect")).isEqualTo("Allow");
                assertThat(s.get("Action")).isEqualTo("sqs:SendMessage");
                assertThat(s.get("Resource")).isEqualTo(watchQueue);
            });
        }
        assertThat(allPolicyStatements()).allSatisfy(s -> {
            if ("Allow".equals(s.get("Effect")) && asList(s.get("Resource")).contains(watchQueue)
                    && asList(s.get("Action")).contains("sqs:SendMessage")) {
                assertThat(asList(s.get("Resource"))).containsExactly(watchQueue);
                assertThat(asList(s.get("Action"))).containsExactly("sqs:SendMessage");
                assertThat(s).doesNotContainKey("Principal");
            }
        });
    }

    @Test
    void step_functions_tasks_are_completed_with_the_narrowest_grant_iam_has() {
        Map<String, List<String>> actions = Map.of(
                SESSION_STARTER_POLICY, TASK_COMPLETION,
                READINESS_CHECK_POLICY, Stream.concat(TASK_COMPLETION.stream(), Stream.of(TASK_HEARTBEAT)).toList());

        List<Map<String, Object>> statesStatements = allPolicyStatements().stream()
                .filter(s -> asList(s.get("Action")).stream().anyMatch(a -> ((String) a).startsWith("states:")))
                .toList();
        assertThat(statesStatements).hasSize(2).allSatisfy(s -> assertThat(isTaskCallbackStatement(s)).isTrue());
        actions.forEach((policy, granted) -> {
            List<Map<String, Object>> statements = policyStatements(policy).stream()
                    .filter(TemplateTest::isTaskCallbackStatement).toList();
            assertThat(statements).as(policy).hasSize(1).allSatisfy(s -> {
                assertThat(s.get("Effect")).isEqualTo("Allow");
                assertThat(asList(s.get("Action"))).containsExactlyInAnyOrderElementsOf(granted);
                // No resource type and no service condition key exist for these actions: "*" in this region only.
                assertThat(s.get("Resource")).isEqualTo("*");
                assertThat(map(s.get("Condition"))).containsOnlyKeys("StringEquals");
                assertThat(map(map(s.get("Condition")).get("StringEquals")))
                        .containsExactly(Map.entry("aws:RequestedRegion", ref("AWS::Region")));
            });
        });
    }

    @Test
    void start_session_is_granted_exactly_on_the_allowed_applications() {
        List<Map<String, Object>> statements = statementsWithAction("emr-serverless:StartSession");
        Map<String, Object> values = Map.of("AllowedApplicationIds", List.of("00fkabc123xyz", "team*"));
        String prefix = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/";

        List<Object> allowed = new ArrayList<>();
        List<Object> notDenied = new ArrayList<>();
        for (Map<String, Object> s : statements) {
            assertThat(list(s.get("Action"))).containsExactlyInAnyOrder(
                    "emr-serverless:StartSession", "emr-serverless:TagResource");
            if (s.get("Effect").equals("Allow")) {
                allowed.addAll(asList(resolve(s.get("Resource"), values)));
            } else {
                notDenied.addAll(asList(resolve(s.get("NotResource"), values)));
            }
        }
        assertThat(allowed).containsExactly(prefix + "*");
        assertThat(notDenied).containsExactlyInAnyOrder(
                "arn:*:emr-serverless:*:*:/applications/00fkabc123xyz",
                "arn:*:emr-serverless:*:*:/applications/team*",
                "arn:*:emr-serverless:*:*:/applications/00fkabc123xyz/sessions/*",
                "arn:*:emr-serverless:*:*:/applications/team*/sessions/*");
    }

    // ---- alarms --------------------------------------------------------------------------------------------------

    @Test
    void every_function_has_errors_and_throttles_alarms() {
        Map<String, Map<String, Object>> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
        for (String function : HANDLERS.keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(alarms.values()).as("%s %s alarm", function, metric).anySatisfy(a -> {
                    Map<String, Object> p = map(a.get("Properties"));
                    assertThat(p).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", metric);
                    assertThat(list(p.get("Dimensions"))).contains(Map.of("Name", "FunctionName", "Value", ref(function)));
                    assertThat(p.get("AlarmActions")).isEqualTo(alarmActions());
                });
            }
        }
    }

    @Test
    void every_queue_ends_in_a_dead_letter_queue_with_a_depth_alarm() {
        Map<String, Map<String, Object>> queues = resourcesOfType("AWS::SQS::Queue");
        assertThat(queues).isNotEmpty();
        for (Map.Entry<String, Map<String, Object>> queue : queues.entrySet()) {
            Map<String, Object> properties = map(queue.getValue().get("Properties"));
            // A queue that redrives names its dead-letter queue; one that does not is the last stop, watched itself.
            String lastStop = properties.containsKey("RedrivePolicy")
                    ? (String) list(map(map(properties.get("RedrivePolicy")).get("deadLetterTargetArn"))
                            .get("Fn::GetAtt")).get(0)
                    : queue.getKey();
            assertThat(queues).as("%s's dead-letter queue", queue.getKey()).containsKey(lastStop);
            assertThat(hasDepthAlarm(lastStop)).as("a depth alarm on %s, where %s ends", lastStop, queue.getKey())
                    .isTrue();
        }
    }

    private static boolean hasDepthAlarm(String queue) {
        return resourcesOfType("AWS::CloudWatch::Alarm").values().stream().map(a -> map(a.get("Properties")))
                .anyMatch(p -> "AWS/SQS".equals(p.get("Namespace"))
                        && "ApproximateNumberOfMessagesVisible".equals(p.get("MetricName"))
                        && "GreaterThanThreshold".equals(p.get("ComparisonOperator")) && p.get("Threshold").equals(0)
                        && list(p.get("Dimensions")).contains(Map.of("Name", "QueueName", "Value",
                                getAtt(queue, "QueueName")))
                        && p.get("AlarmActions").equals(alarmActions()));
    }

    /** Lambda with SQS scales out on its own: every function is capped, so EMR Serverless' quotas hold. */
    @ParameterizedTest
    @MethodSource("functions")
    void every_function_has_a_concurrency_cap(String function) {
        Map<String, Object> properties = properties(function);
        Object sqsCap = map(properties.getOrDefault("Events", Map.of())).values().stream()
                .map(event -> map(event)).filter(event -> "SQS".equals(event.get("Type")))
                .map(event -> map(map(event.get("Properties")).get("ScalingConfig")).get("MaximumConcurrency"))
                .findFirst().orElse(null);
        assertThat(sqsCap != null || properties.containsKey("ReservedConcurrentExecutions"))
                .as("%s has ScalingConfig.MaximumConcurrency or ReservedConcurrentExecutions", function).isTrue();
    }

    @Test
    void every_output_says_what_it_is_for() {
        map(template.get("Outputs")).forEach((name, output) -> assertThat(map(output).get("Description"))
                .as("%s's Description", name).isInstanceOf(String.class));
    }

    @Test
    void requests_failed_alarm_watches_the_functions_own_metric() {
        Map<String, Object> alarm = properties("RequestsFailedAlarm");

        assertThat(alarm).containsEntry("Namespace", environment(SQS_FUNCTION).get("POWERTOOLS_METRICS_NAMESPACE"))
                .containsEntry("MetricName", "RequestsFailed")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0);
        assertThat(list(alarm.get("Dimensions"))).containsExactly(
                Map.of("Name", "Service", "Value", environment(SQS_FUNCTION).get("POWERTOOLS_SERVICE_NAME")));
    }

    @Test
    void refused_readiness_checks_have_an_alarm_on_the_metric_the_watch_emits() {
        Map<String, Object> alarm = properties("ReadinessChecksRefusedAlarm");

        assertThat(alarm).containsEntry("MetricName", InvocationMetrics.READINESS_CHECKS_REFUSED)
                .containsEntry("Namespace", environment(SQS_FUNCTION).get("POWERTOOLS_METRICS_NAMESPACE"))
                .containsEntry("ComparisonOperator", "GreaterThanThreshold").containsEntry("Threshold", 0)
                .containsEntry("AlarmActions", alarmActions());
    }

    /**
     * Only the stack's functions and the redrive roles may send to the watch queue: every other principal is denied
     * SendMessage, so a forged check cannot get in; and nothing reaches it without TLS.
     */
    @Test
    void the_watch_queue_takes_checks_only_from_the_stacks_functions_and_the_redrive_roles() {
        Map<String, Object> policy = properties("WatchQueuePolicy");
        assertThat(list(policy.get("Queues"))).containsExactly(ref("WatchQueue"));
        List<Object> statements = list(map(policy.get("PolicyDocument")).get("Statement"));

        Map<String, Object> senders = map(statements.stream().filter(statement -> "sqs:SendMessage"
                .equals(map(statement).get("Action"))).findFirst().orElseThrow());
        assertThat(senders).containsEntry("Effect", "Deny").containsEntry("Principal", "*")
                .containsEntry("Resource", getAtt("WatchQueue", "Arn"));
        Map<String, Object> allowed = map(map(map(senders.get("Condition")).get("ArnNotLike"))
                .get("aws:PrincipalArn"));
        List<Object> split = list(allowed.get("Fn::Split"));
        List<Object> joined = list(list(map(split.get(1)).get("Fn::Join")).get(1));
        assertThat(joined).containsExactlyInAnyOrder(getAtt("SqsFunctionRole", "Arn"),
                getAtt("EventBridgeFunctionRole", "Arn"), getAtt("DirectFunctionRole", "Arn"),
                getAtt("ReadinessCheckFunctionRole", "Arn"),
                Map.of("Fn::Join", List.of(",", ref("WatchQueueRedriveRoleArns"))));
        assertThat(statements).anySatisfy(statement -> assertThat(map(statement).get("Condition"))
                .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    @Test
    void request_queue_age_alarm_fires_above_a_parameter_that_one_transient_failure_stays_below() {
        Map<String, Object> alarm = properties("RequestQueueAgeAlarm");
        Map<String, Object> threshold = parameter("RequestQueueAgeAlarmSeconds");
        int visibility = toInt(resolve(properties("RequestQueue").get("VisibilityTimeout"), Map.of()));

        assertThat(alarm).containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "ApproximateAgeOfOldestMessage")
                .containsEntry("Statistic", "Maximum")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", ref("RequestQueueAgeAlarmSeconds"));
        assertThat(list(alarm.get("Dimensions")))
                .containsExactly(Map.of("Name", "QueueName", "Value", getAtt("RequestQueue", "QueueName")));
        assertThat(alarm.get("AlarmActions")).isEqualTo(alarmActions());
        assertThat(threshold.get("Type")).isEqualTo("Number");
        assertThat(toInt(threshold.get("Default"))).as("a request back after one visibility timeout is no alarm")
                .isGreaterThan(visibility);
        assertThat(toLong(threshold.get("MaxValue"))).as("no message gets older than the queue keeps it")
                .isEqualTo(toLong(properties("RequestQueue").get("MessageRetentionPeriod")));
    }

    @Test
    void outcome_events_failed_alarm_watches_the_functions_own_metric() {
        Map<String, Object> alarm = properties("OutcomeEventsFailedAlarm");

        assertThat(alarm).containsEntry("Namespace", environment(SQS_FUNCTION).get("POWERTOOLS_METRICS_NAMESPACE"))
                .containsEntry("MetricName", InvocationMetrics.OUTCOME_EVENTS_FAILED)
                .containsEntry("Statistic", "Sum")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0);
        assertThat(list(alarm.get("Dimensions"))).containsExactly(
                Map.of("Name", "Service", "Value", environment(SQS_FUNCTION).get("POWERTOOLS_SERVICE_NAME")));
        assertThat(alarm.get("AlarmActions")).isEqualTo(alarmActions());
    }

    // ---- dashboard -----------------------------------------------------------------------------------------------

    @Test
    void dashboard_graphs_every_metric_the_function_records() throws Exception {
        List<JsonNode> widgets = dashboardWidgets();
        String namespace = (String) environment(SQS_FUNCTION).get("POWERTOOLS_METRICS_NAMESPACE");
        String service = (String) environment(SQS_FUNCTION).get("POWERTOOLS_SERVICE_NAME");
        List<String> graphed = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        for (JsonNode widget : widgets) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (metric.get(0).isObject()) {
                    searches.add(metric.get(0).path("expression").asText());
                } else if (metric.get(0).asText().equals(namespace)) {
                    assertThat(metric.get(2).asText() + "=" + metric.get(3).asText()).as(metric.toString())
                            .isEqualTo("Service=" + service);
                    graphed.add(metric.get(1).asText());
                }
            }
        }
        List<String> recorded = new ArrayList<>(List.of("ColdStart"));
        for (java.lang.reflect.Field field : InvocationMetrics.class.getFields()) {
            String value = (String) field.get(null);
            if (!value.equals(InvocationMetrics.NAMESPACE) && !value.equals(InvocationMetrics.ERROR_CODE_DIMENSION)
                    && !value.equals(InvocationMetrics.START_SESSION_ERRORS)) {
                recorded.add(value);
            }
        }

        assertThat(namespace).isEqualTo(InvocationMetrics.NAMESPACE);
        assertThat(graphed).containsAll(recorded);
        // StartSessionErrors has one series per ErrorCode: a search lists whichever codes occurred.
        assertThat(searches).anySatisfy(search -> assertThat(search).contains(
                "{" + namespace + "," + InvocationMetrics.ERROR_CODE_DIMENSION + ",Service}",
                "MetricName=\"" + InvocationMetrics.START_SESSION_ERRORS + "\"", "Service=\"" + service + "\""));
    }

    @Test
    void dashboard_graphs_the_queues_and_every_function() throws Exception {
        String body = dashboardBody();

        for (String queue : List.of("RequestQueue", "WatchQueue", "RequestDeadLetterQueue", "AsyncFailureQueue",
                "TriggerDeadLetterQueue", "WatchDeadLetterQueue")) {
            assertThat(body).as(queue).contains("\"ApproximateNumberOfMessagesVisible\", \"QueueName\", \"${" + queue
                    + ".QueueName}\"");
        }
        assertThat(body).contains("\"ApproximateAgeOfOldestMessage\", \"QueueName\", \"${RequestQueue.QueueName}\"",
                "\"value\": ${RequestQueueAgeAlarmSeconds}");
        for (String function : HANDLERS.keySet()) {
            for (String metric : List.of("Duration", "Errors", "Throttles")) {
                assertThat(body).as("%s %s", function, metric)
                        .contains("\"AWS/Lambda\", \"" + metric + "\", \"FunctionName\", \"${" + function + "}\"");
            }
        }
    }

    @Test
    void dashboard_shows_every_alarm_of_the_stack() throws Exception {
        JsonNode alarmWidget = dashboardWidgets().stream().filter(w -> w.path("type").asText().equals("alarm"))
                .findFirst().orElseThrow();
        List<String> shown = new ArrayList<>();
        alarmWidget.path("properties").path("alarms").forEach(arn -> shown.add(arn.asText()));

        assertThat(shown).containsExactlyInAnyOrderElementsOf(resourcesOfType("AWS::CloudWatch::Alarm").keySet()
                .stream().map(id -> "${" + id + ".Arn}").toList());
        assertThat(map(map(template.get("Outputs")).get("DashboardName")).get("Value")).isEqualTo(ref("Dashboard"));
    }

    /** The dashboard body as CloudFormation's Fn::Sub has it, before substitution. */
    private static String dashboardBody() {
        return (String) map(properties("Dashboard").get("DashboardBody")).get("Fn::Sub");
    }

    /** The dashboard's widgets; a ${...} stays as it is in its JSON string, a number parameter becomes 1. */
    private static List<JsonNode> dashboardWidgets() throws IOException {
        Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(dashboardBody());
        StringBuilder json = new StringBuilder();
        while (placeholder.find()) {
            Object declared = map(template.get("Parameters")).get(placeholder.group(1));
            boolean number = declared != null && "Number".equals(map(declared).get("Type"));
            placeholder.appendReplacement(json, number ? "1" : Matcher.quoteReplacement(placeholder.group()));
        }
        placeholder.appendTail(json);
        List<JsonNode> widgets = new ArrayList<>();
        ContractSchemas.JSON.readTree(json.toString()).path("widgets").forEach(widgets::add);
        assertThat(widgets).isNotEmpty();
        return widgets;
    }

    @Test
    void alarm_topic_is_optional() {
        assertThat(parameter("AlarmTopicArn").get("Default")).isEqualTo("");
        assertThat(resolve(alarmActions(), Map.of())).isEqualTo(NO_VALUE);
        assertThat(resolve(alarmActions(), Map.of("AlarmTopicArn", "arn:aws:sns:us-east-1:123456789012:ops")))
                .isEqualTo(List.of("arn:aws:sns:us-east-1:123456789012:ops"));
    }

    @Test
    void outputs_name_queues_functions_and_aliases() {
        Map<String, Object> outputs = map(template.get("Outputs"));

        assertThat(outputs).containsKeys("RequestQueueUrl", "RequestQueueArn", "RequestDeadLetterQueueName",
                "AsyncFailureQueueName", "TriggerDeadLetterQueueName", "WatchQueueUrl", "WatchQueueArn",
                "WatchDeadLetterQueueUrl", "WatchDeadLetterQueueArn", "WatchDeadLetterQueueName");
        assertThat(map(outputs.get("WatchQueueUrl")).get("Value")).isEqualTo(ref("WatchQueue"));
        for (String function : HANDLERS.keySet()) {
            Object logGroup = map(properties(function).get("LoggingConfig")).get("LogGroup");
            assertThat(map(outputs.get(function + "LogGroupName")).get("Value")).as(function).isEqualTo(logGroup);
        }
        assertThat(map(outputs.get("WatchDeadLetterQueueArn")).get("Value"))
                .isEqualTo(getAtt("WatchDeadLetterQueue", "Arn"));
        for (String function : HANDLERS.keySet()) {
            assertThat(map(outputs.get(function + "Arn")).get("Value")).isEqualTo(getAtt(function, "Arn"));
            assertThat(map(outputs.get(function + "AliasArn")).get("Value")).isEqualTo(ref(function + ".Alias"));
        }
    }

    // ==== template access ==========================================================================================

    static Stream<String> functions() {
        return HANDLERS.keySet().stream().sorted();
    }

    static Stream<String> asyncFunctions() {
        return Stream.of(EVENTBRIDGE_FUNCTION, DIRECT_FUNCTION);
    }

    static Stream<QueueTrigger> queueTriggers() {
        return QUEUE_TRIGGERS.stream();
    }

    /** The queue trigger of {@code function}; null when no event source mapping feeds it. */
    private static QueueTrigger queueTrigger(String function) {
        return QUEUE_TRIGGERS.stream().filter(t -> t.function().equals(function)).findFirst().orElse(null);
    }

    private static Map<String, Object> stateMachineDefinition() {
        return map(properties("StartSessionStateMachine").get("Definition"));
    }

    private static Map<String, Object> stateMachineTask() {
        Map<String, Object> definition = stateMachineDefinition();
        return map(map(definition.get("States")).get(definition.get("StartAt")));
    }

    private static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                found.put(id, map(r));
            }
        });
        return found;
    }

    private static Map<String, Object> resource(String id) {
        Object resource = map(template.get("Resources")).get(id);
        assertThat(resource).as("resource %s", id).isNotNull();
        return map(resource);
    }

    private static Map<String, Object> properties(String id) {
        return map(resource(id).get("Properties"));
    }

    private static Map<String, Object> parameter(String name) {
        Object parameter = map(template.get("Parameters")).get(name);
        assertThat(parameter).as("parameter %s", name).isNotNull();
        return map(parameter);
    }

    private static Map<String, Object> globalFunction() {
        return map(map(template.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
    }

    /** A function property as SAM sees it: the function's own value, else the Globals one. */
    private static Object effective(String function, String property) {
        Map<String, Object> own = properties(function);
        return own.containsKey(property) ? own.get(property) : globalFunction().get(property);
    }

    /** SAM merges the Globals environment map with the function's. */
    private static Map<String, Object> environment(String function) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.putAll(variables(globalFunction()));
        env.putAll(variables(properties(function)));
        return env;
    }

    private static Map<String, Object> variables(Map<String, Object> holder) {
        return map(map(holder.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
    }

    private static Map<String, Object> onlyEvent(String function, String type) {
        List<Map<String, Object>> events = new ArrayList<>();
        map(properties(function).get("Events")).values().forEach(e -> {
            if (type.equals(map(e).get("Type"))) {
                events.add(map(map(e).get("Properties")));
            }
        });
        assertThat(events).as("%s events of %s", type, function).hasSize(1);
        return events.get(0);
    }

    /** Every IAM statement: managed and inline policies, roles, and SAM inline Policies. */
    private static List<Map<String, Object>> allPolicyStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        map(template.get("Resources")).values().forEach(r -> collectStatements(r, statements));
        return statements;
    }

    private static void collectStatements(Object node, List<Map<String, Object>> into) {
        if (node instanceof Map<?, ?> m) {
            Object statement = m.get("Statement");
            if (statement != null && (m.containsKey("Version") || statement instanceof List)) {
                asList(statement).forEach(s -> into.add(map(s)));
            }
            m.values().forEach(v -> collectStatements(v, into));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectStatements(v, into));
        }
    }

    private static List<Map<String, Object>> statementsWithAction(String action) {
        return allPolicyStatements().stream().filter(s -> asList(s.get("Action")).contains(action)).toList();
    }

    /** The statements of one policy resource (a conditional statement counts with both of its branches). */
    private static List<Map<String, Object>> policyStatements(String policy) {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatements(properties(policy).get("PolicyDocument"), statements);
        return statements;
    }

    /** The statements of one policy resource as a deployment with parameter {@code values} has them. */
    private static List<Map<String, Object>> allowedStatements(String policy, Map<String, Object> values) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object entry : list(map(properties(policy).get("PolicyDocument")).get("Statement"))) {
            Object statement = map(entry).containsKey("Fn::If") ? resolve(entry, values) : entry;
            if (statement != NO_VALUE) {
                statements.add(map(statement));
            }
        }
        return statements;
    }

    /** The managed policies on the role of {@code function}. */
    private static List<Object> managedPolicies(String function) {
        Object role = properties(function).get("Role");
        assertThat(role).as(function).isInstanceOf(Map.class);
        String roleId = (String) list(map(role).get("Fn::GetAtt")).get(0);
        return list(properties(roleId).get("ManagedPolicyArns"));
    }

    /** Every statement the role of {@code function} carries: its managed policies and its inline policies. */
    private static List<Map<String, Object>> roleStatements(String function) {
        String roleId = (String) list(map(properties(function).get("Role")).get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : managedPolicies(function)) {
            statements.addAll(policyStatements((String) map(policy).get("Ref")));
        }
        collectStatements(properties(roleId).get("Policies"), statements);
        return statements;
    }

    /** A statement of Step Functions' task callbacks (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat) only. */
    private static boolean isTaskCallbackStatement(Map<String, Object> statement) {
        List<Object> actions = asList(statement.get("Action"));
        return !actions.isEmpty() && actions.stream()
                .allMatch(a -> TASK_COMPLETION.contains(a) || TASK_HEARTBEAT.equals(a));
    }

    /**
     * Whether the template's policies allow {@code action} on {@code arn} in a deployment with parameter
     * {@code values}: an Allow whose Resource matches and no Deny whose Resource matches or whose NotResource does
     * not (IAM's wildcards: {@code *} any run of characters, {@code ?} one).
     */
    private static boolean granted(String action, Map<String, Object> values, String arn) {
        return grantedBy(SESSION_STARTER_POLICY, action, values, arn) || grantedBy(READINESS_CHECK_POLICY, action,
                values, arn);
    }

    /** Whether one policy, as the only one of its role, allows the action on the resource. */
    private static boolean grantedBy(String onlyPolicy, String action, Map<String, Object> values, String arn) {
        boolean allowed = false;
        for (String policy : List.of(onlyPolicy)) {
            for (Map<String, Object> s : allowedStatements(policy, values)) {
                if (!asList(s.get("Action")).contains(action)) {
                    continue;
                }
                boolean matches = s.containsKey("NotResource")
                        ? asList(resolve(s.get("NotResource"), values)).stream().noneMatch(r -> arnMatches(r, arn))
                        : asList(resolve(s.get("Resource"), values)).stream().anyMatch(r -> arnMatches(r, arn));
                if (matches && "Deny".equals(s.get("Effect"))) {
                    return false;
                }
                allowed |= matches && "Allow".equals(s.get("Effect")) && !s.containsKey("Condition");
            }
        }
        return allowed;
    }

    private static boolean arnMatches(Object pattern, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : String.valueOf(pattern).toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }

    private static Object alarmActions() {
        return Map.of("Fn::If", List.of("HasAlarmTopic", List.of(ref("AlarmTopicArn")), ref("AWS::NoValue")));
    }

    // ==== a small evaluator for the intrinsic functions this template uses ========================================

    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Map<String, Object> PSEUDO = Map.of(
            "AWS::Partition", "aws", "AWS::Region", "us-east-1", "AWS::AccountId", "123456789012",
            "AWS::StackName", "emr-session-starter", "AWS::NoValue", NO_VALUE);

    /** Evaluates {@code expression} with parameter {@code values} (others at their Default). */
    private static Object resolve(Object expression, Map<String, Object> values) {
        if (expression instanceof List<?> l) {
            return l.stream().map(e -> resolve(e, values)).toList();
        }
        if (!(expression instanceof Map<?, ?> m) || m.size() != 1) {
            return expression;
        }
        String fn = (String) m.keySet().iterator().next();
        Object arg = m.values().iterator().next();
        switch (fn) {
            case "Ref":
                return parameterValue((String) arg, values);
            case "Fn::Join": {
                List<Object> a = list(arg);
                List<String> parts = asList(resolve(a.get(1), values)).stream().map(String::valueOf).toList();
                return String.join((String) a.get(0), parts);
            }
            case "Fn::Split": {
                List<Object> a = list(arg);
                return List.of(((String) resolve(a.get(1), values)).split(Pattern.quote((String) a.get(0)), -1));
            }
            case "Fn::Sub": {
                String text;
                Map<String, Object> variables = new HashMap<>();
                if (arg instanceof String s) {
                    text = s;
                } else {
                    text = (String) list(arg).get(0);
                    map(list(arg).get(1)).forEach((k, v) -> variables.put(k, resolve(v, values)));
                }
                Matcher matcher = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
                StringBuilder out = new StringBuilder();
                while (matcher.find()) {
                    String name = matcher.group(1);
                    Object value = variables.containsKey(name) ? variables.get(name) : parameterValue(name, values);
                    matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
                }
                matcher.appendTail(out);
                return out.toString();
            }
            case "Fn::FindInMap": {
                List<Object> a = list(arg);
                Map<String, Object> table = map(map(template.get("Mappings")).get(String.valueOf(resolve(a.get(0), values))));
                Object row = table.get(String.valueOf(resolve(a.get(1), values)));
                assertThat(row).as("mapping row %s", resolve(a.get(1), values)).isNotNull();
                return map(row).get(String.valueOf(resolve(a.get(2), values)));
            }
            case "Fn::If": {
                List<Object> a = list(arg);
                boolean condition = (Boolean) resolve(map(template.get("Conditions")).get(a.get(0)), values);
                return resolve(a.get(condition ? 1 : 2), values);
            }
            case "Fn::Equals": {
                List<Object> a = list(arg);
                return String.valueOf(resolve(a.get(0), values)).equals(String.valueOf(resolve(a.get(1), values)));
            }
            case "Fn::Not":
                return !(Boolean) resolve(list(arg).get(0), values);
            default:
                return expression;
        }
    }

    private static Object parameterValue(String name, Map<String, Object> values) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (PSEUDO.containsKey(name)) {
            return PSEUDO.get(name);
        }
        Map<String, Object> parameter = parameter(name);
        assertThat(parameter).as("parameter %s needs a Default or a test value", name).containsKey("Default");
        Object value = parameter.get("Default");
        if ("CommaDelimitedList".equals(parameter.get("Type"))) {
            return List.of(String.valueOf(value).split(",", -1));
        }
        return value;
    }

    // ==== plumbing =================================================================================================

    private static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    private static Map<String, Object> getAtt(String resource, String attribute) {
        return Map.of("Fn::GetAtt", List.of(resource, attribute));
    }


    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : value == null ? List.of() : List.of(value);
    }

    private static int toInt(Object value) {
        return Integer.parseInt(String.valueOf(value));
    }

    private static long toLong(Object value) {
        return Long.parseLong(String.valueOf(value));
    }

    private static double toDouble(Object value) {
        return Double.parseDouble(String.valueOf(value));
    }
}

package dev.emrsessionstarter.emulator.stepfunctions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import dev.emrsessionstarter.emulator.http.CallPipeline;
import dev.emrsessionstarter.emulator.http.ReceivedViews;
import dev.emrsessionstarter.emulator.http.ServerSlot;
import dev.emrsessionstarter.emulator.http.WireFormat;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process emulator of the Step Functions task-callback operations (SendTaskSuccess, SendTaskFailure,
 * SendTaskHeartbeat) over the real JSON 1.0 wire format, for code that completes {@code .waitForTaskToken} tasks.
 * There are no state machines: the test plays the workflow, issuing a token for a task that waits, then reads what
 * the code under test did to it.
 *
 * <pre>{@code
 * try (var sfn = StepFunctionsEmulator.builder().clock(clock).build().start()) {
 *     String token = sfn.issueTaskToken(TaskTimeouts.none().heartbeatSeconds(120));
 *     ... SfnClient with endpointOverride(sfn.endpoint()) ...
 *     assertThat(sfn.task(token).state()).isEqualTo(TaskState.SUCCEEDED);
 * }
 * }</pre>
 *
 * Each instance owns all its state. Thread-safe.
 */
public final class StepFunctionsEmulator implements AutoCloseable {

    public static final String DEFAULT_REGION = "us-east-1";
    /** The SigV4 signing name of Step Functions (its endpoint prefix is {@code states} too). */
    public static final String SIGNING_NAME = "states";
    /** {@code GET} on the emulator's endpoint: the tasks it issued and the callbacks it received, as JSON. */
    public static final String TASKS_VIEW = ReceivedViews.PREFIX + "tasks";

    private final Clock clock;
    private final TaskRegistry tasks;
    private final Map<TaskCallbackOperation, FaultPlan<CallFault>> faults = new EnumMap<>(TaskCallbackOperation.class);
    private final Map<TaskCallbackOperation, AtomicInteger> counts = new EnumMap<>(TaskCallbackOperation.class);
    private final StepFunctionsHttpHandler handler;
    private final ObjectMapper json = new ObjectMapper();
    private final ServerSlot server;

    private StepFunctionsEmulator(Builder builder) {
        this.clock = builder.clock;
        ObjectMapper json = new ObjectMapper();
        this.tasks = new TaskRegistry(clock, builder.seed);
        for (TaskCallbackOperation operation : TaskCallbackOperation.values()) {
            AtomicInteger count = new AtomicInteger();
            counts.put(operation, count);
            faults.put(operation, new FaultPlan<>(count::get, builder.seed + operation.ordinal()));
        }
        CallPipeline pipeline = new CallPipeline(json, WireFormat.awsJson10(StepFunctionsErrors::typeInBody),
                SIGNING_NAME, builder.region, builder.requireSignature);
        this.handler = new StepFunctionsHttpHandler(json, clock, new TaskCallbackService(json, clock, tasks),
                pipeline, faults, counts);
        this.server = new ServerSlot("stepfunctions-emulator", builder.port, handler,
                ReceivedViews.of("tasks", this::tasksView));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening on 127.0.0.1 (an ephemeral port unless the builder set one). Returns this. */
    public StepFunctionsEmulator start() {
        server.start();
        return this;
    }

    /** The endpoint to give the SDK client, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }

    // --- tasks --------------------------------------------------------------------------------------------------

    /** A task that waits for a callback with no time limit; returns its token (as {@code $$.Task.Token} gives it). */
    public String issueTaskToken() {
        return issueTaskToken(TaskTimeouts.none());
    }

    /** A task that waits for a callback, timing out as {@code timeouts} say on the emulator's clock. */
    public String issueTaskToken(TaskTimeouts timeouts) {
        return tasks.issue(timeouts);
    }

    /** A token shaped like the ones this emulator issues, but of no task: Step Functions answers TaskDoesNotExist. */
    public String unissuedTaskToken() {
        return tasks.unissued();
    }

    /** The task this token was issued for, as it is now. */
    public TaskView task(String taskToken) {
        return requireTask(taskToken).view(clock.instant());
    }

    /** Every task issued, in issue order, as they are now. */
    public List<TaskView> tasks() {
        return tasks.all().stream().map(task -> task.view(clock.instant())).toList();
    }

    /** Times a waiting task out now, as its TimeoutSeconds running out would; later callbacks get TaskTimedOut. */
    public void expireTask(String taskToken) {
        requireTask(taskToken).closeOnCommand(TaskState.TIMED_OUT, clock.instant());
    }

    /** Stops a waiting task now, as StopExecution on its execution would; later callbacks get TaskTimedOut. */
    public void stopTask(String taskToken) {
        requireTask(taskToken).closeOnCommand(TaskState.STOPPED, clock.instant());
    }

    private CallbackTask requireTask(String taskToken) {
        return tasks.find(taskToken).orElseThrow(() -> new IllegalArgumentException("no task has this token"));
    }

    // --- faults and what happened -------------------------------------------------------------------------------

    /** The fault plan of one operation (500 InternalFailure, 400 ThrottlingException, drops, after-commit failures). */
    public FaultPlan<CallFault> faults(TaskCallbackOperation operation) {
        return faults.get(operation);
    }

    /** Every call received, in arrival order, faulted and refused ones included. */
    public List<TaskCallbackCall> calls() {
        return handler.calls();
    }

    /**
     * What {@value #TASKS_VIEW} answers: every task issued, in issue order, as it is now; and every callback
     * received, in arrival order, faulted and refused ones included. (The tokens are this emulator's own.)
     */
    ObjectNode tasksView() {
        ObjectNode view = json.createObjectNode();
        ArrayNode all = view.putArray("tasks");
        for (TaskView task : tasks()) {
            all.addObject()
                    .put("taskToken", task.taskToken())
                    .put("state", task.state().name())
                    .put("issuedAt", text(task.issuedAt()))
                    .put("closedAt", text(task.closedAt()))
                    .put("output", task.output())
                    .put("error", task.error())
                    .put("cause", task.cause())
                    .put("heartbeats", task.heartbeats());
        }
        ArrayNode calls = view.putArray("calls");
        for (TaskCallbackCall call : handler.calls()) {
            calls.addObject()
                    .put("operation", call.operation().apiName())
                    .put("taskToken", call.taskToken())
                    .put("output", call.output())
                    .put("error", call.error())
                    .put("cause", call.cause())
                    .put("receivedAt", text(call.receivedAt()));
        }
        return view;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public List<TaskCallbackCall> calls(TaskCallbackOperation operation) {
        return handler.calls().stream().filter(call -> call.operation() == operation).toList();
    }

    /** Requests received for {@code operation}, faulted and refused ones included. */
    public int requestCount(TaskCallbackOperation operation) {
        return counts.get(operation).get();
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private String region = DEFAULT_REGION;
        private long seed = 42;
        private int port;
        private boolean requireSignature = true;

        private Builder() {
        }

        /** The clock that runs task timeouts and stamps calls; tests pass a ManualClock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The region the SigV4 credential scope must name. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Seeds task tokens and the fractional fault rules, for reproducible runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A fixed port (0, the default, picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Whether requests must carry a SigV4 header scoped to {@code states} and the region (default true). */
        public Builder requireSignature(boolean requireSignature) {
            this.requireSignature = requireSignature;
            return this;
        }

        public StepFunctionsEmulator build() {
            return new StepFunctionsEmulator(this);
        }
    }
}

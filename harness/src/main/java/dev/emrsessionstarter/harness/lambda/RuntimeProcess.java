package dev.emrsessionstarter.harness.lambda;

import dev.emrsessionstarter.wiring.AwsClients;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Lambda execution environment: a separate JVM started the way the managed {@code java21} runtime starts it (its
 * JVM options, the runtime interface client's {@code AWSLambda} main class with the handler as argument, the task root
 * as working directory, a clean environment with what Lambda and the template set), talking to a
 * {@link RuntimeApiServer}. Its output goes to a {@code runtime.log} of its own beside the task root.
 */
public final class RuntimeProcess implements AutoCloseable {

    private final Process process;
    private final long launchedNanos;
    private final Path log;

    private RuntimeProcess(Process process, long launchedNanos, Path log) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.log = log;
    }

    public static Builder builder(LambdaFunction function, Path taskRoot, String runtimeApi) {
        return new Builder(function, taskRoot, runtimeApi);
    }

    /** {@link System#nanoTime()} just before the JVM was launched. */
    public long launchedNanos() {
        return launchedNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote so far (standard output and error). */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Peak resident set size in KiB ({@code VmHWM}), as Lambda's "Max Memory Used" sees the process. */
    public long peakRssKib() {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU time the process has used so far (user + system, all threads), in milliseconds at the kernel's 10 ms
     * resolution. Unlike elapsed time it hardly grows when other processes compete for the cores.
     */
    public long cpuTimeMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 3, so utime (field 14) and stime (field 15) are at 11 and 12.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final LambdaFunction function;
        private final Path taskRoot;
        private final String runtimeApi;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> extraJvmOptions = new ArrayList<>();
        private String initializationType = "on-demand";

        private Builder(LambdaFunction function, Path taskRoot, String runtimeApi) {
            this.function = function;
            this.taskRoot = taskRoot;
            this.runtimeApi = runtimeApi;
        }

        /**
         * Endpoint overrides pointing the SDK at the emulators and the SQS server
         * ({@code AWS_ENDPOINT_URL_EMR_SERVERLESS}, ...); a null endpoint is left to the SDK.
         */
        public Builder endpoints(AwsClients.Endpoints endpoints) {
            put("AWS_ENDPOINT_URL_EMR_SERVERLESS", endpoints.emrServerless());
            put("AWS_ENDPOINT_URL_EVENTBRIDGE", endpoints.eventBridge());
            put("AWS_ENDPOINT_URL_SQS", endpoints.sqs());
            put("AWS_ENDPOINT_URL_SFN", endpoints.stepFunctions());
            return this;
        }

        private void put(String name, URI endpoint) {
            if (endpoint != null) {
                environment.put(name, endpoint.toString());
            }
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** A JVM option after the managed runtime's own (e.g. {@code -Xlog:...}), as a diagnostic tool adds one. */
        public Builder jvmOption(String option) {
            extraJvmOptions.add(option);
            return this;
        }

        /** {@code snap-start} makes the runtime run the CRaC {@code beforeCheckpoint} hooks after init. */
        public Builder initializationType(String initializationType) {
            this.initializationType = initializationType;
            return this;
        }

        public RuntimeProcess start() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagedJavaRuntime.jvmOptions(function.memoryMb()));
            command.addAll(extraJvmOptions);
            command.add("-classpath");
            command.add(ManagedJavaRuntime.classPath().stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)));
            command.add(ManagedJavaRuntime.MAIN_CLASS);
            command.add(function.handler());

            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(lambdaEnvironment());
            env.putAll(function.environment());
            env.putAll(environment);
            try {
                // One log per process: several environments may run from one task root at once.
                Path log = Files.createTempFile(taskRoot.toAbsolutePath().getParent(),
                        taskRoot.getFileName() + "-" + function.logicalId() + "-", "-runtime.log");
                builder.redirectErrorStream(true).redirectOutput(log.toFile());
                long launched = System.nanoTime();
                return new RuntimeProcess(builder.start(), launched, log);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the runtime for " + function.logicalId(), e);
            }
        }

        /** The variables Lambda itself sets, with dummy credentials (the emulators check scope, not secrets). */
        private Map<String, String> lambdaEnvironment() {
            String name = function.logicalId();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
            env.put("LANG", "en_US.UTF-8");
            env.put("TZ", ":UTC");
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("LAMBDA_RUNTIME_DIR", ManagedJavaRuntime.classPath().get(0).getParent().toString());
            env.put("_HANDLER", function.handler());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
            env.put("AWS_LAMBDA_FUNCTION_NAME", name);
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]0");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "AKIDLOCALEMULATOR");
            env.put("AWS_SECRET_ACCESS_KEY", "local-emulator-secret");
            env.put("AWS_SESSION_TOKEN", "local-emulator-session-token");
            return env;
        }
    }
}

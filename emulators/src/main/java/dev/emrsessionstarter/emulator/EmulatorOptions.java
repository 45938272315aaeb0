package dev.emrsessionstarter.emulator;

import dev.emrsessionstarter.emulator.fault.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The standalone command line, parsed; a mistake is an {@link IllegalArgumentException} with a one-line message. */
final class EmulatorOptions {

    static final String USAGE = """
            Options (all optional):
              --emr-port N          EMR Serverless emulator port (default: a free port)
              --events-port N       EventBridge emulator port (default: a free port)
              --sfn-port N          Step Functions emulator port (default: a free port)
              --application-id ID   the application served (default %s)
              --region R            region of ARNs and of the SigV4 scope (default us-east-1)
              --seed N              seeds ids, task tokens and fractional faults (default 42)
              --task-tokens N       issue N waiting Step Functions tasks and print their tokens (default 0)
              --latency TARGET=MILLIS   added to every call of TARGET (repeatable)
              --fault TARGET=KIND[@WHEN]   inject faults (repeatable); WHEN is pF (a fraction of calls),
                                    nextN or callsN,M; without WHEN every call
              --help                this text
            Targets: %s
            Kinds: %s; for PutEvents.entries: INTERNAL_FAILURE, THROTTLING""";

    private static final int MAX_TASK_TOKENS = 1000;

    int emrPort;
    int eventsPort;
    int sfnPort;
    String applicationId = Emulators.DEFAULT_APPLICATION_ID;
    String region = "us-east-1";
    long seed = 42;
    int taskTokens;
    boolean help;
    final List<Latency> latencies = new ArrayList<>();
    final List<Fault> faults = new ArrayList<>();

    /** Added latency for one target. */
    record Latency(String target, Duration latency) {
    }

    /** A fault as written and as parsed. */
    record Fault(String written, FaultSpec spec) {
    }

    static String usage() {
        return USAGE.formatted(Emulators.DEFAULT_APPLICATION_ID, String.join(", ", FaultTargets.names()),
                "INTERNAL_ERROR, THROTTLING, ACCESS_DENIED, DROP_CONNECTION, FAIL_AFTER_COMMIT, DROP_AFTER_COMMIT");
    }

    static EmulatorOptions parse(String... args) {
        EmulatorOptions options = new EmulatorOptions();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                options.help = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--emr-port" -> options.emrPort = port(name, value);
                case "--events-port" -> options.eventsPort = port(name, value);
                case "--sfn-port" -> options.sfnPort = port(name, value);
                case "--application-id" -> options.applicationId = value;
                case "--region" -> options.region = value;
                case "--seed" -> options.seed = number(name, value);
                case "--task-tokens" -> options.taskTokens = taskTokens(name, value);
                case "--latency" -> options.latencies.add(latency(value));
                case "--fault" -> options.faults.add(fault(value));
                default -> throw new IllegalArgumentException("unknown option " + name + " (--help lists them)");
            }
        }
        return options;
    }

    private static int port(String name, String value) {
        long port = number(name, value);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " needs a port number (0-65535), got " + value);
        }
        return (int) port;
    }

    private static int taskTokens(String name, String value) {
        long count = number(name, value);
        if (count > MAX_TASK_TOKENS) {
            throw new IllegalArgumentException(name + " is at most " + MAX_TASK_TOKENS + ", got " + value);
        }
        return (int) count;
    }

    private static long number(String name, String value) {
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got " + value);
        }
    }

    private static Latency latency(String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--latency needs TARGET=MILLIS, got " + value);
        }
        String target = value.substring(0, equals);
        FaultTargets.requireCallTarget(target, "--latency " + value);
        String millis = value.substring(equals + 1).replace("ms", "");
        return new Latency(target, Duration.ofMillis(number("--latency " + target, millis)));
    }

    private static Fault fault(String value) {
        FaultSpec spec;
        try {
            spec = FaultSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fault " + value + ": " + e.getMessage());
        }
        FaultTargets.check(spec, value);
        return new Fault(value, spec);
    }
}

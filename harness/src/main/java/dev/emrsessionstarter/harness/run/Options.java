package dev.emrsessionstarter.harness.run;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The local run's command line: {@code [--aws] [--trigger sqs|eventbridge|direct] [EVENT_FILE | -]}, or {@code --help}.
 * A mistake is a {@link LocalRunException} with a one-line message.
 */
record Options(boolean help, boolean aws, Trigger trigger, String file) {

    static final String DEFAULT_FILE = "events/sqs-batch.json";
    static final String COMMAND = "mvn -q test-compile exec:java@run -Dexec.args=\"[OPTIONS] [EVENT_FILE | -]\"";

    static Options parse(String... args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            return new Options(true, false, null, null);
        }
        boolean aws = false;
        Trigger trigger = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--aws")) {
                aws = true;
            } else if (arg.equals("--trigger")) {
                if (i + 1 >= args.length) {
                    throw LocalRunException.usage("--trigger needs a value: " + Trigger.options());
                }
                trigger = Trigger.named(args[++i]);
            } else if (arg.startsWith("--trigger=")) {
                trigger = Trigger.named(arg.substring("--trigger=".length()));
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                throw LocalRunException.usage("unknown option " + arg + " (--help lists the options)");
            } else if (file != null) {
                throw LocalRunException.usage("one event file at a time, got " + file + " and " + arg);
            } else {
                file = arg;
            }
        }
        return new Options(false, aws, trigger, file == null ? DEFAULT_FILE : file);
    }

    /** What {@code --help} prints. */
    static String helpText() {
        String exitCodes = Arrays.stream(ExitCode.values())
                .map(code -> "  " + code.status + "  " + code.meaning)
                .collect(Collectors.joining("\n"));
        String defaults = LocalSettings.DEFAULTS.entrySet().stream()
                .map(setting -> "  " + setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining("\n"));
        return """
                Usage: %s

                Runs the function once on EVENT_FILE (default %s; - reads standard input) as Lambda would
                call the handler for its trigger, against in-process emulators of EMR Serverless, EventBridge and
                Step Functions and a real SQS watch queue. Prints the handler's response, the sessions, the outcome
                events and the readiness watch; the function's JSON log lines go to standard error.

                Options:
                  --trigger sqs|eventbridge|direct
                          the handler to call. Without it the event's shape decides ("Records": SQS; "detail-type":
                          an EventBridge rule; anything else: a direct invoke); with it, another shape is refused.
                  --aws   run against AWS itself, with the standard credentials and region and every setting from
                          the environment
                  --help  this text

                Settings: each of the function's settings (ALLOWED_APPLICATION_IDS, ALLOWED_EXECUTION_ROLE_ARNS,
                EVENT_BUS_NAME, READINESS_WATCH, ...) that is set in the environment applies. Against the emulators
                the others default to these (the allowlists only if no default application or role is set either),
                and WATCH_QUEUE_URL is always the run's own queue:
                %s

                Exit status (for a batch, the most pressing: retry, then rejected, then started):
                %s
                """.formatted(COMMAND, DEFAULT_FILE, defaults, exitCodes);
    }
}

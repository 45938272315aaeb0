package dev.emrsessionstarter.emulator;

import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.eventbridge.EventBridgeEmulator;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.fault.FaultSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs both emulators standalone until killed, with one default application, and prints their addresses and the
 * environment variables that point the AWS SDK at them.
 *
 * <pre>
 * mvn -q test-compile exec:java@emulators [-Dexec.args="--emr-port 4599 ..."]
 * </pre>
 *
 * Options: {@code --emr-port N}, {@code --events-port N} (default: free ports), {@code --application-id ID}
 * (default {@value #DEFAULT_APPLICATION_ID}), {@code --region R} (default us-east-1), {@code --seed N},
 * {@code --latency OPERATION=MILLIS}, and {@code --fault TARGET=KIND[@WHEN]} (repeatable; see {@link FaultSpec}),
 * where TARGET is an EMR operation (StartSession, GetSession, ListSessions, TerminateSession, GetApplication),
 * {@code PutEvents} or {@code PutEvents.entries}.
 */
public final class Emulators {

    /** The application every standalone run has: release emr-7.13.0, STARTED, sessions enabled. */
    public static final String DEFAULT_APPLICATION_ID = "00fkabc123xyz";

    private Emulators() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        EmrServerlessEmulator emr;
        EventBridgeEmulator events;
        try {
            options = Options.parse(args);
            emr = EmrServerlessEmulator.builder().region(options.region).port(options.emrPort).seed(options.seed)
                    .build();
            emr.addApplication(Application.builder().id(options.applicationId).name("local-sessions").build());
            events = EventBridgeEmulator.builder().region(options.region).port(options.eventsPort)
                    .seed(options.seed).build();
            options.latencies.forEach(latency -> applyLatency(latency, emr, events));
            options.faults.forEach(fault -> applyFault(fault, emr, events));
        } catch (IllegalArgumentException e) {
            System.err.println("emulators: " + e.getMessage());
            System.exit(2);
            return;
        }
        emr.start();
        events.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emr.close();
            events.close();
            stopped.countDown();
        }, "emulators-shutdown"));
        describe(System.out, options, emr, events);
        stopped.await();
    }

    private static void describe(PrintStream out, Options options, EmrServerlessEmulator emr,
                                 EventBridgeEmulator events) {
        out.println("EMR Serverless emulator: " + emr.endpoint());
        out.println("EventBridge emulator: " + events.endpoint());
        out.println("Application: " + options.applicationId + " (emr-7.13.0, STARTED, sessions enabled)");
        out.println();
        out.println("export AWS_ENDPOINT_URL_EMR_SERVERLESS=" + emr.endpoint());
        out.println("export AWS_ENDPOINT_URL_EVENTBRIDGE=" + events.endpoint());
        out.println("export AWS_REGION=" + options.region);
        out.println("export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local");
        out.println();
        out.println("Running until killed (Ctrl-C).");
        out.flush();
    }

    private static void applyLatency(String spec, EmrServerlessEmulator emr, EventBridgeEmulator events) {
        int equals = spec.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("expected OPERATION=MILLIS, got: " + spec);
        }
        String target = spec.substring(0, equals);
        Duration latency = Duration.ofMillis(Long.parseLong(spec.substring(equals + 1).replace("ms", "")));
        if (target.equals("PutEvents")) {
            events.callFaults().latency(latency);
        } else {
            emr.faults(EmrOperation.byApiName(target)).latency(latency);
        }
    }

    private static void applyFault(FaultSpec spec, EmrServerlessEmulator emr, EventBridgeEmulator events) {
        switch (spec.target()) {
            case "PutEvents" -> spec.applyTo(events.callFaults(), CallFault.valueOf(spec.kind()));
            case "PutEvents.entries" -> spec.applyTo(events.entryFaults(), EntryFault.valueOf(spec.kind()));
            default -> spec.applyTo(emr.faults(EmrOperation.byApiName(spec.target())), CallFault.valueOf(spec.kind()));
        }
    }

    private static final class Options {
        private int emrPort;
        private int eventsPort;
        private String applicationId = DEFAULT_APPLICATION_ID;
        private String region = EmrServerlessEmulator.DEFAULT_REGION;
        private long seed = 42;
        private final List<String> latencies = new ArrayList<>();
        private final List<FaultSpec> faults = new ArrayList<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--emr-port" -> options.emrPort = Integer.parseInt(value);
                    case "--events-port" -> options.eventsPort = Integer.parseInt(value);
                    case "--application-id" -> options.applicationId = value;
                    case "--region" -> options.region = value;
                    case "--seed" -> options.seed = Long.parseLong(value);
                    case "--latency" -> options.latencies.add(value);
                    case "--fault" -> options.faults.add(FaultSpec.parse(value));
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return options;
        }
    }
}

package dev.emrsessionstarter.emulator;

import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.eventbridge.EventBridgeEmulator;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import dev.emrsessionstarter.emulator.fault.FaultSpec;
import dev.emrsessionstarter.emulator.stepfunctions.StepFunctionsEmulator;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a standalone {@code --fault} or {@code --latency} can aim at: an operation of one of the emulators, or the
 * entries of PutEvents. Mistakes are refused with a one-line message that lists what is valid.
 */
final class FaultTargets {

    static final String PUT_EVENTS = "PutEvents";
    static final String PUT_EVENTS_ENTRIES = "PutEvents.entries";

    private FaultTargets() {
    }

    /** Every valid target, EMR Serverless operations first. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        Arrays.stream(EmrOperation.values()).map(EmrOperation::apiName).forEach(names::add);
        names.add(PUT_EVENTS);
        names.add(PUT_EVENTS_ENTRIES);
        Arrays.stream(TaskCallbackOperation.values()).map(TaskCallbackOperation::apiName).forEach(names::add);
        return names;
    }

    /** Refuses an unknown target or a kind the target does not take, naming the valid ones. */
    static void check(FaultSpec spec, String written) {
        requireTarget(spec.target(), "--fault " + written);
        try {
            // A schedule out of range (a fraction above 1, call number 0) is refused by the plan it goes into.
            if (spec.target().equals(PUT_EVENTS_ENTRIES)) {
                spec.applyTo(new FaultPlan<>(() -> 0, 0), kind(EntryFault.class, spec.kind(), written));
            } else {
                spec.applyTo(new FaultPlan<>(() -> 0, 0), kind(CallFault.class, spec.kind(), written));
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("--fault") ? e
                    : new IllegalArgumentException("--fault " + written + ": " + e.getMessage());
        }
    }

    static void applyFault(FaultSpec spec, String written, EmrServerlessEmulator emr, EventBridgeEmulator events,
                           StepFunctionsEmulator sfn) {
        check(spec, written);
        if (spec.target().equals(PUT_EVENTS_ENTRIES)) {
            spec.applyTo(events.entryFaults(), kind(EntryFault.class, spec.kind(), written));
        } else {
            spec.applyTo(callPlan(spec.target(), emr, events, sfn), kind(CallFault.class, spec.kind(), written));
        }
    }

    /** The plan of whole calls to {@code target} (any target but the PutEvents entries). */
    static FaultPlan<CallFault> callPlan(String target, EmrServerlessEmulator emr, EventBridgeEmulator events,
                                         StepFunctionsEmulator sfn) {
        if (target.equals(PUT_EVENTS)) {
            return events.callFaults();
        }
        TaskCallbackOperation callback = TaskCallbackOperation.byApiName(target);
        return callback != null ? sfn.faults(callback) : emr.faults(EmrOperation.byApiName(target));
    }

    static void requireCallTarget(String target, String context) {
        requireTarget(target, context);
        if (target.equals(PUT_EVENTS_ENTRIES)) {
            throw new IllegalArgumentException(context + ": latency applies to whole calls, not to "
                    + PUT_EVENTS_ENTRIES);
        }
    }

    private static void requireTarget(String target, String context) {
        if (!names().contains(target)) {
            throw new IllegalArgumentException(context + ": unknown target " + target + "; valid targets: "
                    + String.join(", ", names()));
        }
    }

    private static <K extends Enum<K>> K kind(Class<K> kinds, String kind, String written) {
        for (K value : kinds.getEnumConstants()) {
            if (value.name().equals(kind)) {
                return value;
            }
        }
        throw new IllegalArgumentException("--fault " + written + ": unknown kind " + kind + "; valid kinds: "
                + Arrays.stream(kinds.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}

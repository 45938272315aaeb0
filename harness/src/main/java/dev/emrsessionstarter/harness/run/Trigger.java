package dev.emrsessionstarter.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Which handler an event is for, as {@code --trigger} names it. */
enum Trigger {
    SQS("sqs", "SQS", "an SQS event ({\"Records\": [...]})", Settings.QueueTrigger.REQUIRED),
    EVENTBRIDGE("eventbridge", "EventBridge rule", "an EventBridge event (with \"detail-type\" and \"detail\")",
            Settings.QueueTrigger.NOT_USED),
    DIRECT("direct", "direct-invoke", "a session request itself (a direct-invoke payload)",
            Settings.QueueTrigger.NOT_USED);

    /** The value of {@code --trigger}. */
    final String option;
    /** For the report: "Running the SQS handler ...". */
    final String label;
    /** The shape of event the handler takes. */
    final String expects;
    final Settings.QueueTrigger queueTrigger;

    Trigger(String option, String label, String expects, Settings.QueueTrigger queueTrigger) {
        this.option = option;
        this.label = label;
        this.expects = expects;
        this.queueTrigger = queueTrigger;
    }

    /** The trigger an event's shape stands for: {@code Records}, SQS; {@code detail-type}, EventBridge; else direct. */
    static Trigger of(JsonNode event) {
        if (event != null && event.isObject() && event.has("Records")) {
            return SQS;
        }
        if (event != null && event.isObject() && event.has("detail-type")) {
            return EVENTBRIDGE;
        }
        return DIRECT;
    }

    static Trigger named(String option) {
        for (Trigger trigger : values()) {
            if (trigger.option.equals(option)) {
                return trigger;
            }
        }
        throw LocalRunException.usage("--trigger takes " + options() + ", not " + option);
    }

    /** {@code sqs, eventbridge or direct}. */
    static String options() {
        String all = Arrays.stream(values()).map(trigger -> trigger.option).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}

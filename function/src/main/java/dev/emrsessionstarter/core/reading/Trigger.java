package dev.emrsessionstarter.core.reading;

/** How a request reached the function; named in outcome events as {@code trigger}. */
public enum Trigger {
    SQS("sqs"),
    EVENTBRIDGE("eventbridge"),
    DIRECT("direct");

    private final String wireName;

    Trigger(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

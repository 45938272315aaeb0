package dev.emrsessionstarter.harness.run;

/**
 * How a local run ends, as its exit status: one per outcome a script may act on. A batch reports the most pressing
 * of its requests' outcomes: a retry over a rejection, a rejection over a start.
 */
enum ExitCode {
    STARTED(0, "started: every request started a session"),
    FAILED(1, "failed: the run itself broke (stack trace on standard error), or the build did"),
    USAGE(2, "usage: a bad option, a missing or unreadable file, or an event its trigger cannot take"),
    REJECTED(3, "rejected: a request was rejected (a retry cannot succeed), and none is to be retried"),
    RETRY(4, "retry: a request failed transiently (its trigger would deliver it again)"),
    CONFIGURATION(5, "configuration: a setting is missing or malformed, or --aws finds no region or credentials");

    final int status;
    final String meaning;

    ExitCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }
}

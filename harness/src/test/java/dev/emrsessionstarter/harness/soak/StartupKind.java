package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.emulator.emr.StartupOutcome;

/** A planned start-up as the summary and the checks name it: "ready after 10 s", "failed after 20 s", "never ready". */
record StartupKind(String label) {

    static StartupKind of(StartupOutcome outcome) {
        if (outcome instanceof StartupOutcome.Ready ready) {
            return new StartupKind("ready after " + ready.after().toSeconds() + " s");
        }
        if (outcome instanceof StartupOutcome.Failed failed) {
            return new StartupKind("failed after " + failed.after().toSeconds() + " s");
        }
        return new StartupKind("never ready");
    }
}

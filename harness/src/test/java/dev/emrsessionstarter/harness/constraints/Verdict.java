package dev.emrsessionstarter.harness.constraints;

/**
 * What one judge made of a request.
 *
 * @param detail why, in the judge's own words (its violations, its error), for a failure message
 */
record Verdict(Outcome outcome, String detail) {

    enum Outcome {
        ACCEPTED,
        REJECTED,
        /** The request could not be put to the judge at all (the SDK refuses to send it). */
        NOT_SENT
    }

    static Verdict accepted() {
        return new Verdict(Outcome.ACCEPTED, "no violation");
    }

    static Verdict rejected(String detail) {
        return new Verdict(Outcome.REJECTED, detail);
    }

    static Verdict notSent(String detail) {
        return new Verdict(Outcome.NOT_SENT, detail);
    }

    static Outcome of(boolean accepted) {
        return accepted ? Outcome.ACCEPTED : Outcome.REJECTED;
    }
}

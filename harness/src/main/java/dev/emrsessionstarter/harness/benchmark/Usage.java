package dev.emrsessionstarter.harness.benchmark;

/**
 * What a number of requests use of everything that is billed, and what that costs. The benchmark gives it per 1,000
 * requests; every outcome event and SQS message here is far below 64 KB, so each call or entry is one billed unit.
 *
 * @param billedMillis Lambda duration over all invocations, each rounded up to the millisecond as Lambda bills it
 * @param sqsRequests SQS API calls (receive, delete, send), each one billed request
 * @param eventEntries EventBridge entries put (billed per entry, not per PutEvents call)
 */
record Usage(double invocations, double billedMillis, int memoryMb, double sqsRequests, double putEventsCalls,
        double eventEntries, double startSessionCalls, double getSessionCalls) {

    /** Lambda bills each invocation's duration rounded up to the next millisecond. */
    static long billedMillis(long nanos) {
        return (nanos + 999_999) / 1_000_000;
    }

    /** A count over {@code requests} requests, scaled to 1,000 requests. */
    static double perThousand(double count, int requests) {
        return count * 1000.0 / requests;
    }

    /** Lambda's GB-seconds: duration in seconds times memory in GB (1 GB = 1,024 MB). */
    double gbSeconds() {
        return billedMillis / 1000.0 * memoryMb / 1024.0;
    }

    double lambdaDollars(Prices prices) {
        return gbSeconds() * prices.perGbSecond() + invocations * prices.perLambdaRequest();
    }

    double sqsDollars(Prices prices) {
        return sqsRequests * prices.perSqsRequest();
    }

    double eventDollars(Prices prices) {
        return eventEntries * prices.perEvent();
    }

    double dollars(Prices prices) {
        return lambdaDollars(prices) + sqsDollars(prices) + eventDollars(prices);
    }
}

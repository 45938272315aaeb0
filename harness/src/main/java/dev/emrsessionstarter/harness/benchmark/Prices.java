package dev.emrsessionstarter.harness.benchmark;

/**
 * Published on-demand prices, us-east-1, in dollars per unit; docs/performance.md names the pages and the date they
 * were read. EMR Serverless API calls (StartSession, GetSession) carry no charge of their own: its bill is the
 * workers a session runs.
 *
 * @param perGbSecond Lambda duration, x86
 * @param perLambdaRequest Lambda requests (invocations)
 * @param perSqsRequest SQS standard queue requests (each 64 KB chunk of a payload is one request)
 * @param perEvent EventBridge custom events put on a bus (each 64 KB chunk of an entry is one event)
 */
record Prices(double perGbSecond, double perLambdaRequest, double perSqsRequest, double perEvent) {

    static final Prices US_EAST_1 = new Prices(0.0000166667, 0.20 / 1e6, 0.40 / 1e6, 1.00 / 1e6);
}

package org.switchboard.api.metrics;

import java.util.Map;

/** Requests to one HTTP API: counted by status, timed in a latency histogram, labelled {@code api=<name>}. */
public final class RequestMetrics {

    private final String api;
    private final LabeledCounter requests = new LabeledCounter("api", "status");
    private final Histogram latency = new Histogram(Histogram.LATENCY_SECONDS);

    public RequestMetrics(String api) {
        this.api = api;
    }

    /** One request answered with {@code status} after {@code nanos}. */
    public void observe(int status, long nanos) {
        requests.increment(api, Integer.toString(status));
        latency.observe(nanos / 1e9);
    }

    public void writeTo(MetricsWriter out) {
        requests.writeTo(out, "switchboard_api_requests_total", "HTTP API requests, by API and status");
        out.histogram("switchboard_api_request_seconds", "HTTP API request latency", Map.of("api", api),
                latency.snapshot());
    }
}

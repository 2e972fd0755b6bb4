package org.switchboard.util.metrics;

import java.util.Map;

import org.switchboard.api.metrics.MetricsWriter;

/** Requests to one HTTP API: counted by status, timed in a latency histogram, labelled {@code api=<name>}. */
public final class RequestMetrics {

    private final String api;
    private final LabeledCounter requests = new LabeledCounter("api", "status");
    private final Histogram latency = new Histogram(Histogram.LATENCY_SECONDS);

    public RequestMetrics(String api) {
        this.api = api;
    }

    /** Something that answers a request and may fail with an I/O error. */
    @FunctionalInterface
    public interface Handler {
        void handle() throws java.io.IOException;
    }

    /**
     * Runs {@code handler} and counts its request, with the status {@code status} reads afterwards (e.g. the
     * servlet response's), failed or not.
     */
    public void time(Handler handler, java.util.function.IntSupplier status) throws java.io.IOException {
        long start = System.nanoTime();
        try {
            handler.handle();
        } finally {
            observe(status.getAsInt(), System.nanoTime() - start);
        }
    }

    /** One request answered with {@code status} after {@code nanos}. */
    public void observe(int status, long nanos) {
        requests.increment(api, Integer.toString(status));
        latency.observe(nanos / 1e9);
    }

    public void writeTo(MetricsWriter out) {
        requests.writeTo(out, "switchboard_api_requests_total", "HTTP API requests, by API and status");
        out.histogram(
                "switchboard_api_request_seconds", "HTTP API request latency", Map.of("api", api), latency.snapshot());
    }
}

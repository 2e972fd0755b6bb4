package org.switchboard.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that has metrics: registered as an OSGi service by the bundle that counts; {@code GET /metrics} calls
 * {@link #collect} on every registered source. A metric name belongs to one source; names start with
 * {@code switchboard_}.
 */
@ConsumerType
public interface MetricsSource {

    /** Writes the current values; called on an HTTP thread, must be quick and must not block. */
    void collect(MetricsWriter out);
}

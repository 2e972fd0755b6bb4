package org.switchboard.api.metrics;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives metric samples. Samples of one name may come in several calls (one per label set); the help text of the
 * first call is kept. Names must match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names {@code [a-zA-Z_][a-zA-Z0-9_]*};
 * a sample that breaks the rules is skipped (and logged), never written.
 */
@ProviderType
public interface MetricsWriter {

    /** A monotonically increasing count; by convention the name ends in {@code _total}. */
    void counter(String name, String help, Map<String, String> labels, double value);

    /** A value that goes up and down. */
    void gauge(String name, String help, Map<String, String> labels, double value);

    /** A distribution of observations, e.g. from {@code org.switchboard.util.metrics.Histogram}. */
    void histogram(String name, String help, Map<String, String> labels, HistogramSnapshot snapshot);
}

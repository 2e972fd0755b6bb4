package org.switchboard.api.metrics;

/**
 * A histogram's state, as {@link MetricsWriter#histogram} writes it (since 2.0; it was {@code Histogram.Snapshot}).
 *
 * @param bounds the upper bounds
 * @param cumulative observations at or below each bound
 * @param sum the sum of all observations
 * @param count all observations (the +Inf bucket)
 */
public record HistogramSnapshot(double[] bounds, long[] cumulative, double sum, long count) {}

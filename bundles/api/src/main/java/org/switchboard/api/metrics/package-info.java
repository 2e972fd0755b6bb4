/**
 * Metrics: bundles register {@link org.switchboard.api.metrics.MetricsSource} services; {@code GET /metrics} asks
 * each one to write its current values in the Prometheus text format.
 * Since 2.0 the package holds the contract only; the metric types ({@code Histogram}, {@code LabeledCounter},
 * {@code RequestMetrics}) are in {@code org.switchboard.util.metrics}.
 */
@Export
@Version("2.0.0")
package org.switchboard.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

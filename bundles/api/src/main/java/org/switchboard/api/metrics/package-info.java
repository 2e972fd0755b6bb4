/**
 * Metrics: bundles register {@link org.switchboard.api.metrics.MetricsSource} services; {@code GET /metrics} asks
 * each one to write its current values in the Prometheus text format.
 */
@Export
@Version("1.0.0")
package org.switchboard.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

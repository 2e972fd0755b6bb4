/**
 * Metric types bundles count with and write through {@code org.switchboard.api.metrics.MetricsWriter}: a
 * histogram, counters by label values, and the requests of an HTTP API by status with their latency.
 */
@Export
@Version("1.0.0")
package org.switchboard.util.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

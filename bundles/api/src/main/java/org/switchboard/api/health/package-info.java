/**
 * Health: bundles register {@link org.switchboard.api.health.HealthContributor} services to say what is degraded
 * while the gateway keeps serving (a database away, records waiting in a journal); {@code GET /health} lists it.
 */
@Export
@Version("1.0.0")
package org.switchboard.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

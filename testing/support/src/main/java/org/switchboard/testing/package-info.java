/**
 * Test support shared by every test module: {@link org.switchboard.testing.FreePorts}, {@link
 * org.switchboard.testing.Sipp}, {@link org.switchboard.testing.Gateway} (the gateway as an operator runs it),
 * {@link org.switchboard.testing.Metrics} (its {@code /metrics} read),
 * {@link org.switchboard.testing.Http} (requests with credentials), {@link org.switchboard.testing.Jwt}, {@link
 * org.switchboard.testing.TestKeys} (TLS fixtures) and {@link org.switchboard.testing.FaultProxy}.
 */
@Export
@Version("1.1.0")
package org.switchboard.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

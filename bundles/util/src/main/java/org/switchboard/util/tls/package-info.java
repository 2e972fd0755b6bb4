/**
 * The checks every TLS listener's configuration gets before it starts (SIP over TLS, HTTPS): keystores opened with
 * their passwords, a server key with its certificate, TLS 1.2 and 1.3 only, cipher suites this JVM has.
 */
@Export
@Version("1.0.0")
package org.switchboard.util.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The call router: which trunk, flow and contact-center adapter take an inbound call. The flow bundle provides it
 * over the workspace in force and the adapters present; the SIP bundle asks it for every new INVITE and for every new
 * TCP or TLS connection.
 */
@Export
@Version("1.0.0")
package org.switchboard.api.routing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

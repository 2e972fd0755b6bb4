/**
 * The nodes of a Switchboard cluster: several gateways sharing one database (PostgreSQL) behind a SIP proxy. Each
 * node has an id recorded on the sessions it holds, heartbeats into the shared database, and is seen by the others
 * as active, draining, stopped or lost.
 */
@Export
@Version("1.0.0")
package org.switchboard.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

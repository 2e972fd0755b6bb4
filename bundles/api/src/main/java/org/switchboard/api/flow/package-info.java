/**
 * The flow-attachment registry: which flow answers a DID on a trunk.
 */
@Export
@Version("1.1.0")
package org.switchboard.api.flow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

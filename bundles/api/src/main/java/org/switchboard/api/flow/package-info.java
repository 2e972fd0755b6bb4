/**
 * The flow-attachment registry: which flow answers a DID on a trunk, and the flow runtime. Since 2.0 the
 * attachment record is {@code org.switchboard.api.store.FlowAttachment}, with the workspace's other records, so this
 * package depends on {@code api.store} and not the other way round. Since 3.0 a call is routed by
 * {@code org.switchboard.api.routing.CallRouting}: {@code FlowRegistry.resolve}, {@code FlowRegistry.trunk} and
 * {@code Resolution} are gone.
 */
@Export
@Version("3.0.0")
package org.switchboard.api.flow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

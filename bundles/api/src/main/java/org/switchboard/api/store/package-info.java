/**
 * Business data at rest: the trunks, DIDs, flows and attachments of the workspace, as the store keeps them.
 */
@Export
@Version("1.5.0")
package org.switchboard.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

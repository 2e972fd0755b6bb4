/**
 * Business data at rest: the trunks, DIDs, flows and attachments of the workspace, as the store keeps them.
 * Since 2.0 {@code TrunkAuth} is data only: its password file is read with
 * {@code org.switchboard.util.files.PasswordFile}.
 */
@Export
@Version("2.0.0")
package org.switchboard.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

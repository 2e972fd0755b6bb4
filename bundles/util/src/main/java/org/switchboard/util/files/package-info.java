/** Files the gateway reads secrets from. */
@Export
@Version("1.0.0")
package org.switchboard.util.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

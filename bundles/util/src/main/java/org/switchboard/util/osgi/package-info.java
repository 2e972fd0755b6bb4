/** Help for bundles whose services take long to make. */
@Export
@Version("1.0.0")
package org.switchboard.util.osgi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

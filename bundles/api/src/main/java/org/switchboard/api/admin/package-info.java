/** Administration: who the administrator is. */
@Export
@Version("1.1.0")
package org.switchboard.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

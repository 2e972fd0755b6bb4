/** HTTP helpers shared by the Switchboard servlets: the credentials of a Basic {@code Authorization} header. */
@Export
@Version("1.0.0")
package org.switchboard.util.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

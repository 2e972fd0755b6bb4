/**
 * The deploy directory as a service: what happened to the bundle files dropped there, and uploads into it.
 */
@Export
@Version("1.0.0")
package org.switchboard.api.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

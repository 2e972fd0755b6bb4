/** The fake contact-center adapter the integration tests deploy, and what it remembers of the calls it served. */
@Export
@Version("1.0.0")
package org.switchboard.testing.fakeadapter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

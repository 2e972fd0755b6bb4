/**
 * Logging what peers and clients send without letting them write the log: values escaped to one printable line,
 * and lines they can trigger throttled per source.
 */
@Export
@Version("1.0.0")
package org.switchboard.util.log;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

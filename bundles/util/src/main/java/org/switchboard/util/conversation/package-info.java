/**
 * Reading a recorded conversation: which answer each {@code turn.latency} event times.
 */
@Export
@Version("1.0.0")
package org.switchboard.util.conversation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

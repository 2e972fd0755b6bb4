/**
 * Virtual assistants: turn-based dialogue between a caller and a bot.
 */
@Export
@Version("1.5.0")
package org.switchboard.api.assistant;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Conversation records: sessions, turns, events, SIP traces, and their summaries.
 */
@Export
@Version("1.5.0")
package org.switchboard.api.conversation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

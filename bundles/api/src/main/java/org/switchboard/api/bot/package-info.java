/**
 * Bots and their JWT apps: who may call the Conversation Details and Summary API for which bot, and with what scopes.
 */
@Export
@Version("1.2.0")
package org.switchboard.api.bot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * What contact-center adapters share: header value templates over the session ({@code {{session.id}}},
 * {@code {{context.x}}}, {@code {{sip.X-Trace-ID}}}), configured header sets with limits, and the INVITE headers an
 * adapter passes to the bot.
 */
@Export
@Version("1.0.0")
package org.switchboard.adapter.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The media engine: RTP sessions for the SDP the SIP bundle negotiates, prompts, DTMF and speech input.
 */
@Export
@Version("1.5.0")
package org.switchboard.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

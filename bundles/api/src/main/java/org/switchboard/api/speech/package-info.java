/**
 * Speech providers: recognition of 8 kHz telephone audio and synthesis of prompts.
 */
@Export
@Version("1.2.0")
package org.switchboard.api.speech;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

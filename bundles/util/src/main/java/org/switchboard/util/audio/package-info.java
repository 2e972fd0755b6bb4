/**
 * Audio helpers shared by the media engine and speech providers: 2:1 sample-rate conversion between telephone
 * (8 kHz) and wide-band (16 kHz) audio, for whole clips and for streams.
 */
@Export
@Version("1.0.0")
package org.switchboard.util.audio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Live calls: the per-call control surface, the session context and handoff instructions.
 */
@Export
@Version("1.7.0")
package org.switchboard.api.call;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Contact-center adapters: how an inbound call from a trunk is answered and how it is handed back.
 */
@Export
@Version("1.1.0")
package org.switchboard.api.adapter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

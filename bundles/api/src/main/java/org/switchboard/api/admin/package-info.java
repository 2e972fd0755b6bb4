/**
 * Administration: who the administrator is. Since 2.0 the Basic header parser is
 * {@code org.switchboard.util.http.BasicCredentials}.
 */
@Export
@Version("2.0.0")
package org.switchboard.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

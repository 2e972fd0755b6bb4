package org.switchboard.api.admin;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks the administrator's credentials, the same ones the Web Console takes. Registered by the runtime bundle; the
 * admin API and other administrative endpoints use it so there is one administrator account to manage.
 */
@ProviderType
public interface AdminAuthenticator {

    /** Whether {@code user} and {@code password} are the administrator's (compared in constant time). */
    boolean authenticate(String user, String password);
}

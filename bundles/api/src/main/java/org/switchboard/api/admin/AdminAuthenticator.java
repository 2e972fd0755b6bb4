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

    /** What {@link #login} decided. */
    enum Outcome {
        /** The administrator's credentials. */
        ACCEPTED,
        /** Wrong credentials: counted against the source, logged without the password. */
        REJECTED,
        /** Too many failed logins from this source lately: not even checked; the client should wait a minute. */
        BLOCKED
    }

    /**
     * A login from {@code source} (the client's address) by any way in (the Web Console, the admin API, the remote
     * shell): all share one limit on failed logins per source, and every failure is logged (never the password).
     *
     * @since 1.1
     */
    Outcome login(String user, String password, String source);
}

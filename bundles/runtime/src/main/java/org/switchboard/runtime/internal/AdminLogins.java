package org.switchboard.runtime.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.admin.AdminAuthenticator.Outcome;
import org.switchboard.util.log.LogText;

/**
 * Every login with the administrator's credentials, whichever way it comes (Web Console, admin API, remote shell):
 * one {@link LoginLimiter} per source address, each failure logged with the user name (control characters escaped)
 * and never the password, and a blocked source said once a minute rather than once a request.
 */
final class AdminLogins {

    private static final Logger LOG = LoggerFactory.getLogger(AdminLogins.class);

    private final LoginLimiter limiter;
    private final Map<String, Long> blockedSaid = new ConcurrentHashMap<>();

    AdminLogins(int perMinute) {
        this.limiter = new LoginLimiter(perMinute);
    }

    Outcome attempt(String user, String source, long nowMs, BooleanSupplier check) {
        String from = source == null ? "?" : source;
        if (limiter.blocked(from, nowMs)) {
            long minute = nowMs / 60_000;
            Long said = blockedSaid.put(from, minute);
            if (said == null || said != minute) {
                if (blockedSaid.size() > 10_000) {
                    blockedSaid.values().removeIf(m -> m != minute);
                }
                LOG.warn(
                        "Administrator logins from {} refused for the rest of this minute: too many failures",
                        LogText.escape(from));
            }
            return Outcome.BLOCKED;
        }
        if (check.getAsBoolean()) {
            return Outcome.ACCEPTED;
        }
        limiter.failed(from, nowMs);
        LOG.warn(
                "Administrator login failed for user '{}' from {}",
                LogText.escape(user == null ? "" : user),
                LogText.escape(from));
        return Outcome.REJECTED;
    }
}

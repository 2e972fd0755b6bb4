package org.switchboard.media.internal;

import org.slf4j.Logger;

/**
 * One kind of failure of one session that can repeat every packet or every frame (20 ms): the first is logged at
 * WARN, later ones at most once per interval with the count of those left out, so one bad call writes a few lines,
 * not thousands.
 */
final class RepeatedFailure {

    static final long INTERVAL_NANOS = 10_000_000_000L;

    private long lastLogged;
    private boolean logged;
    private long unlogged;

    /** Logs {@code format} (its last placeholder gets the failure) unless one was logged less than the interval ago. */
    void warn(Logger log, long nowNanos, String format, Object... args) {
        long skipped;
        synchronized (this) {
            if (logged && nowNanos - lastLogged < INTERVAL_NANOS) {
                unlogged++;
                return;
            }
            skipped = unlogged;
            unlogged = 0;
            logged = true;
            lastLogged = nowNanos;
        }
        log.warn(format + (skipped > 0 ? " (" + skipped + " more like it not logged)" : ""), args);
    }
}

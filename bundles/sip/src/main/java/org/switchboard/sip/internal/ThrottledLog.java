package org.switchboard.sip.internal;

import org.slf4j.Logger;
import org.switchboard.util.log.LogThrottle;

/**
 * Logs at INFO at most once per interval per source (or once per interval in all), saying how many lines were left
 * out meanwhile (those go to DEBUG): a flood of bad or excess requests must not flood the log. Values from peers are
 * escaped by the caller ({@link org.switchboard.util.log.LogText}).
 */
final class ThrottledLog {

    private final Logger log;
    private final LogThrottle throttle;

    ThrottledLog(Logger log, long intervalNanos) {
        this.log = log;
        this.throttle = new LogThrottle(intervalNanos, 4096);
    }

    void info(String format, Object... args) {
        infoFrom("", format, args);
    }

    /** At most one line per interval for {@code source} (a peer's address). */
    void infoFrom(String source, String format, Object... args) {
        long skipped = throttle.admit(source, System.nanoTime());
        if (skipped >= 0) {
            log.info(format + (skipped > 0 ? " (and " + skipped + " more not logged)" : ""), args);
        } else {
            log.debug(format, args);
        }
    }
}

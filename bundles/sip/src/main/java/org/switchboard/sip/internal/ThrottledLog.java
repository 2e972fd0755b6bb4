package org.switchboard.sip.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs at INFO at most once per interval, saying how many lines were left out meanwhile (those go to DEBUG): a
 * flood of bad or excess requests must not flood the log.
 */
final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong lastLogged;
    private final AtomicLong unlogged = new AtomicLong();

    ThrottledLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.lastLogged = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    void info(String format, Object... args) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= intervalNanos && lastLogged.compareAndSet(last, now)) {
            long skipped = unlogged.getAndSet(0);
            log.info(format + (skipped > 0 ? " (and " + skipped + " more not logged)" : ""), args);
        } else {
            unlogged.incrementAndGet();
            log.debug(format, args);
        }
    }
}

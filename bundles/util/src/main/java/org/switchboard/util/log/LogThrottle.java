package org.switchboard.util.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a log line a peer can trigger through at most once per interval per key (a source address, a session),
 * counting the lines held back meanwhile so the next one that goes out can say how many. Thread-safe; it remembers at
 * most {@code maxKeys} keys, forgetting those quiet for an interval first, so a flood of sources cannot grow it.
 */
public final class LogThrottle {

    private static final class State {
        long last;
        long held;
    }

    private final long intervalNanos;
    private final int maxKeys;
    private final Map<String, State> keys = new ConcurrentHashMap<>();

    public LogThrottle(long intervalNanos, int maxKeys) {
        this.intervalNanos = intervalNanos;
        this.maxKeys = maxKeys;
    }

    /**
     * Whether a line for {@code key} may go out now.
     *
     * @return {@code -1} to hold it back; otherwise how many lines for this key were held back since the last one
     *         that went out
     */
    public long admit(String key, long nowNanos) {
        State s = keys.get(key);
        if (s == null) {
            if (keys.size() >= maxKeys) {
                keys.values().removeIf(old -> nowNanos - old.last >= intervalNanos);
                if (keys.size() >= maxKeys) {
                    keys.clear();
                }
            }
            State fresh = new State();
            fresh.last = nowNanos - intervalNanos;
            s = keys.computeIfAbsent(key, k -> fresh);
        }
        synchronized (s) {
            if (nowNanos - s.last < intervalNanos) {
                s.held++;
                return -1;
            }
            long held = s.held;
            s.held = 0;
            s.last = nowNanos;
            return held;
        }
    }
}

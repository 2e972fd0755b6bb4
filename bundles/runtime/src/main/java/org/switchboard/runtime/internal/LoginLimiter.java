package org.switchboard.runtime.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts failed logins per client address in one-minute windows; over the limit, the address waits. */
final class LoginLimiter {

    private record Window(long minute, int failures) {}

    private static final int MAX_ADDRESSES = 10_000;

    private final int perMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LoginLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    boolean blocked(String address, long nowMs) {
        Window w = windows.get(address);
        return w != null && w.minute() == nowMs / 60_000 && w.failures() >= perMinute;
    }

    void failed(String address, long nowMs) {
        long minute = nowMs / 60_000;
        if (windows.size() > MAX_ADDRESSES) {
            windows.values().removeIf(w -> w.minute() != minute);
        }
        windows.merge(
                address,
                new Window(minute, 1),
                (old, one) -> old.minute() == minute ? new Window(minute, old.failures() + 1) : one);
    }
}

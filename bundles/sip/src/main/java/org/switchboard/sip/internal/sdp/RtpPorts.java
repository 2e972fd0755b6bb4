package org.switchboard.sip.internal.sdp;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Hands out even RTP ports from a configured range, round robin so a just-released port is not reused at once
 * (late packets of the previous call). Thread-safe.
 */
public final class RtpPorts {

    private final int min;
    private final int count;
    private final BitSet used;
    private int next;

    /** Even ports from {@code min} to {@code max} inclusive (odd bounds are rounded inwards). */
    public RtpPorts(int min, int max) {
        int lo = min % 2 == 0 ? min : min + 1;
        int hi = max % 2 == 0 ? max : max - 1;
        if (lo < 1024 || hi > 65534 || lo > hi) {
            throw new IllegalArgumentException(
                    "RTP port range " + min + "-" + max + " must hold an even port within 1024-65534");
        }
        this.min = lo;
        this.count = (hi - lo) / 2 + 1;
        this.used = new BitSet(count);
    }

    /** A free port, or empty when all are in use. */
    public synchronized OptionalInt allocate() {
        for (int i = 0; i < count; i++) {
            int slot = (next + i) % count;
            if (!used.get(slot)) {
                used.set(slot);
                next = (slot + 1) % count;
                return OptionalInt.of(min + slot * 2);
            }
        }
        return OptionalInt.empty();
    }

    /** Gives a port back; ports outside the range are ignored. */
    public synchronized void release(int port) {
        int slot = (port - min) / 2;
        if (port >= min && port % 2 == 0 && slot < count) {
            used.clear(slot);
        }
    }

    /** How many ports are in use. */
    public synchronized int inUse() {
        return used.cardinality();
    }
}

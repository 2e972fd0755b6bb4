package org.switchboard.media.internal.rtp;

import java.util.function.Consumer;

/**
 * A small reorder buffer: packets are released in sequence order, holding at most {@code depth} out-of-order
 * packets while a missing one may still arrive. A packet older than the last released one is late (dropped); a
 * duplicate is dropped; a gap that is given up on counts as lost. 16-bit sequence wrap-around is handled. Not
 * thread-safe.
 */
public final class ReorderBuffer {

    private static final int RESTART = 1000;

    private final RtpPacket[] slots;
    private final int mask;
    private final int depth;
    private int next = -1;
    private int held;
    private long late;
    private long lost;
    private long duplicates;

    /** @param depth how many packets may wait for a missing one (1-64) */
    public ReorderBuffer(int depth) {
        if (depth < 1 || depth > 64) {
            throw new IllegalArgumentException("reorder depth must be 1-64, was " + depth);
        }
        this.depth = depth;
        int size = Integer.highestOneBit(depth) * 2;
        this.slots = new RtpPacket[size];
        this.mask = size - 1;
    }

    /** Adds a packet and releases, in order, whatever can be released. */
    public void add(RtpPacket p, Consumer<RtpPacket> out) {
        if (next < 0) {
            next = p.sequence();
        }
        int ahead = (p.sequence() - next) & 0xFFFF;
        if (ahead >= 0x8000 && 0x10000 - ahead < RESTART) {
            late++;
            return;
        }
        if (ahead >= RESTART) {
            flush(out); // the sender restarted its sequence: a new stream, not a loss
            next = p.sequence();
        }
        while (((p.sequence() - next) & 0xFFFF) >= slots.length) {
            skipOne(out);
        }
        int slot = p.sequence() & mask;
        if (slots[slot] != null) {
            duplicates++;
            return;
        }
        slots[slot] = p;
        held++;
        drain(out);
        while (held > depth) {
            skipOne(out);
        }
    }

    /** Releases everything held, in order, treating gaps as lost (at the end of a stream, or after a pause). */
    public void flush(Consumer<RtpPacket> out) {
        while (held > 0) {
            skipOne(out);
        }
    }

    private void skipOne(Consumer<RtpPacket> out) {
        if (slots[next & mask] == null) {
            lost++;
            next = (next + 1) & 0xFFFF;
        }
        drain(out);
    }

    private void drain(Consumer<RtpPacket> out) {
        int slot;
        while (slots[slot = next & mask] != null) {
            RtpPacket p = slots[slot];
            slots[slot] = null;
            held--;
            next = (next + 1) & 0xFFFF;
            out.accept(p);
        }
    }

    public long late() {
        return late;
    }

    public long lost() {
        return lost;
    }

    public long duplicates() {
        return duplicates;
    }
}

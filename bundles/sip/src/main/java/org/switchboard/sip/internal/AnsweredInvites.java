package org.switchboard.sip.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.sip.message.Request;

import gov.nist.javax.sip.message.SIPRequest;

/**
 * The INVITEs answered in the last 32 s (64*T1, RFC 6026's Timer L) whose transactions the stack has already let go
 * of, by transaction id (the Via branch): a copy of one that arrives later is still a copy, not a new call. The RI
 * keeps an answered INVITE transaction only for its linger time (seconds), and a caller whose INVITE waited behind a
 * burst may retransmit it for longer. Bounded: past {@code max} entries nothing more is remembered, and a copy is then
 * handled as before (the RI's merged-request check, or a new call).
 */
final class AnsweredInvites {

    /** RFC 6026 Timer L (64*T1). */
    static final long KEEP_NANOS = 32_000_000_000L;

    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final int max;

    AnsweredInvites(int max, LongSupplier nanoClock) {
        this.max = max;
        this.nanoClock = nanoClock;
    }

    /** The INVITE of this transaction id was answered; its transaction is gone from the stack. */
    void answered(String transactionId) {
        if (until.size() < max) {
            until.put(transactionId, nanoClock.getAsLong() + KEEP_NANOS);
        }
    }

    /** Whether an INVITE of this transaction id was answered within the last 32 s. */
    boolean contains(String transactionId) {
        Long end = until.get(transactionId);
        return end != null && end - nanoClock.getAsLong() > 0;
    }

    /** Whether this request is a copy of an INVITE answered within the last 32 s (an initial INVITE, no To tag). */
    boolean isCopy(Request request) {
        return request instanceof SIPRequest r
                && Request.INVITE.equals(r.getMethod())
                && r.getToTag() == null
                && contains(r.getTransactionId());
    }

    /** Forgets the INVITEs answered more than 32 s ago; returns how many are remembered. */
    int sweep() {
        long now = nanoClock.getAsLong();
        until.values().removeIf(end -> end - now <= 0);
        return until.size();
    }
}

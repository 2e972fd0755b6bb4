package org.switchboard.sip.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Admission of new calls against the overload limits: calls in progress at once and new calls per second, for the
 * whole gateway and for each trunk. A call admitted holds a {@link Ticket} from its INVITE until it ends (or until
 * its INVITE is refused); the ticket is what is counted, so an INVITE still being routed counts as a call. Limits
 * of 0 mean none. Rates are token buckets holding one second of calls, so a burst of up to the rate is allowed and
 * the allowance comes back by itself.
 */
final class CallAdmission {

    /** How long a ticket may stay unbound to a call (its INVITE lost on the way) before it is given back. */
    static final long UNBOUND_TTL_NANOS = 45_000_000_000L;

    /** Why a call was refused. */
    enum Limit {
        CALLS("calls"),
        RATE("rate"),
        DRAINING("draining"),
        RECORDS("records"),
        STOPPING("stopping");

        final String label;

        Limit(String label) {
            this.label = label;
        }
    }

    /** What {@link #admit} decides: a ticket or a refusal. */
    sealed interface Decision permits Ticket, Refusal {}

    /** A refusal: which limit, and whether the whole gateway's or the trunk's. */
    record Refusal(Limit limit, String trunkId, int value) implements Decision {

        /** {@code global} or {@code trunk}. */
        String scope() {
            return trunkId == null ? "global" : "trunk";
        }

        /** What the Reason header tells the peer. */
        String reason() {
            if (limit == Limit.STOPPING) {
                return "Switchboard is stopping: no new calls";
            }
            if (limit == Limit.DRAINING) {
                return "Switchboard node is draining: no new calls";
            }
            if (limit == Limit.RECORDS) {
                return "Overload: call records are waiting to be written";
            }
            String where = trunkId == null ? "the gateway" : "trunk " + trunkId;
            return limit == Limit.CALLS
                    ? "Overload: " + where + " has its " + value + " calls in progress"
                    : "Overload: more than " + value + " new calls per second on " + where;
        }
    }

    /** A call's place in the count; given back exactly once. */
    static final class Ticket implements Decision {
        final String callId;
        final String trunkId;
        final long issued;
        private boolean bound;
        private boolean released;

        private Ticket(String callId, String trunkId, long issued) {
            this.callId = callId;
            this.trunkId = trunkId;
            this.issued = issued;
        }
    }

    private final int maxCalls;
    private final RateLimiter rate;
    private final LongSupplier clock;
    private final Map<String, Ticket> byCallId = new HashMap<>();
    private final Map<String, Integer> perTrunk = new HashMap<>();
    private final Map<String, RateLimiter> trunkRates = new HashMap<>();
    private boolean stopping;
    private boolean draining;
    private final BooleanSupplier recordsBehind;

    CallAdmission(int maxCalls, int maxCallsPerSecond, LongSupplier nanoClock) {
        this(maxCalls, maxCallsPerSecond, nanoClock, () -> false);
    }

    /** {@code recordsBehind}: whether call records are so far behind that new calls must wait. */
    CallAdmission(int maxCalls, int maxCallsPerSecond, LongSupplier nanoClock, BooleanSupplier recordsBehind) {
        this.recordsBehind = recordsBehind;
        this.maxCalls = maxCalls;
        this.rate = maxCallsPerSecond > 0 ? new RateLimiter(maxCallsPerSecond, nanoClock.getAsLong()) : null;
        this.clock = nanoClock;
    }

    /** From now on every new call is refused (the gateway is stopping); calls in progress keep their places. */
    synchronized void stop() {
        stopping = true;
    }

    /** An operator's drain: new calls are refused until {@link #undrain}; calls in progress keep their places. */
    synchronized void drain() {
        draining = true;
    }

    /** New calls are admitted again, unless the gateway is stopping. */
    synchronized void undrain() {
        draining = false;
    }

    /** Whether new calls are refused by a drain or a stop. */
    synchronized boolean closed() {
        return draining || stopping;
    }

    synchronized boolean draining() {
        return draining;
    }

    /** Whether a ticket for this Call-ID is out (a retransmitted or merged INVITE is not a new call). */
    synchronized boolean holds(String callId) {
        return byCallId.containsKey(callId);
    }

    /**
     * Admits a new call or says which limit refuses it. {@code trunkId} is {@code null} when the source matches no
     * trunk (the INVITE will be refused anyway; only the gateway's limits apply).
     *
     * @return the ticket, or the refusal
     */
    synchronized Decision admit(String callId, String trunkId, int trunkMaxCalls, int trunkMaxPerSecond) {
        if (stopping || draining) {
            return new Refusal(stopping ? Limit.STOPPING : Limit.DRAINING, null, 0);
        }
        if (recordsBehind.getAsBoolean()) {
            return new Refusal(Limit.RECORDS, null, 0);
        }
        long now = clock.getAsLong();
        if (maxCalls > 0 && byCallId.size() >= maxCalls) {
            return new Refusal(Limit.CALLS, null, maxCalls);
        }
        if (trunkId != null && trunkMaxCalls > 0 && perTrunk.getOrDefault(trunkId, 0) >= trunkMaxCalls) {
            return new Refusal(Limit.CALLS, trunkId, trunkMaxCalls);
        }
        RateLimiter trunkRate = null;
        if (trunkId != null && trunkMaxPerSecond > 0) {
            trunkRate = trunkRates.get(trunkId);
            if (trunkRate == null || trunkRate.perSecond != trunkMaxPerSecond) {
                trunkRate = new RateLimiter(trunkMaxPerSecond, now);
                trunkRates.put(trunkId, trunkRate);
            }
        }
        if (rate != null && !rate.available(now)) {
            return new Refusal(Limit.RATE, null, rate.perSecond);
        }
        if (trunkRate != null && !trunkRate.available(now)) {
            return new Refusal(Limit.RATE, trunkId, trunkMaxPerSecond);
        }
        if (rate != null) {
            rate.take();
        }
        if (trunkRate != null) {
            trunkRate.take();
        }
        Ticket t = new Ticket(callId, trunkId, now);
        byCallId.put(callId, t);
        if (trunkId != null) {
            perTrunk.merge(trunkId, 1, Integer::sum);
        }
        return t;
    }

    /** The call of this ticket is up: it is counted until {@link #ended}. */
    synchronized void bind(Ticket t) {
        t.bound = true;
    }

    /** Gives back a ticket whose INVITE was refused; nothing when it was bound to a call meanwhile or given back. */
    synchronized void refused(Ticket t) {
        if (!t.bound) {
            release(t);
        }
    }

    /** The call with this Call-ID ended: its ticket is given back. */
    synchronized void ended(String callId) {
        Ticket t = byCallId.get(callId);
        if (t != null) {
            release(t);
        }
    }

    /** Gives back tickets whose INVITE never became a call nor was refused (lost on the way); returns how many. */
    synchronized int sweep() {
        long now = clock.getAsLong();
        int n = 0;
        for (Iterator<Ticket> it = byCallId.values().iterator(); it.hasNext(); ) {
            Ticket t = it.next();
            if (!t.bound && now - t.issued > UNBOUND_TTL_NANOS) {
                it.remove();
                uncount(t);
                n++;
            }
        }
        return n;
    }

    /** Calls counted now (admitted, routed or up). */
    synchronized int inUse() {
        return byCallId.size();
    }

    /** Calls counted now on a trunk. */
    synchronized int inUse(String trunkId) {
        return perTrunk.getOrDefault(trunkId, 0);
    }

    private void release(Ticket t) {
        if (t.released) {
            return;
        }
        byCallId.remove(t.callId, t);
        uncount(t);
    }

    private void uncount(Ticket t) {
        t.released = true;
        if (t.trunkId != null) {
            perTrunk.computeIfPresent(t.trunkId, (k, v) -> v <= 1 ? null : v - 1);
        }
    }

    /** A token bucket of one second's calls. Not thread-safe: used under the admission's lock. */
    static final class RateLimiter {
        final int perSecond;
        private double tokens;
        private long last;

        RateLimiter(int perSecond, long now) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
            this.last = now;
        }

        boolean available(long now) {
            if (now > last) {
                tokens = Math.min(perSecond, tokens + (now - last) * perSecond / 1e9);
                last = now;
            }
            return tokens >= 1;
        }

        void take() {
            tokens -= 1;
        }
    }
}

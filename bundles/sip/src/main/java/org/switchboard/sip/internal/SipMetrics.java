package org.switchboard.sip.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.util.metrics.Histogram;
import org.switchboard.util.metrics.LabeledCounter;

/** The SIP bundle's counters: calls by trunk and ending, refused INVITEs, INVITE to 200 OK latency. */
final class SipMetrics {

    private final LabeledCounter started = new LabeledCounter("trunk");
    private final LabeledCounter ended = new LabeledCounter("trunk", "ended_by");
    private final LabeledCounter rejected = new LabeledCounter("status");
    private final LabeledCounter overload = new LabeledCounter("scope", "limit");
    private final LabeledCounter auth = new LabeledCounter("outcome");
    private final java.util.concurrent.atomic.LongAdder absorbed = new java.util.concurrent.atomic.LongAdder();
    private final Histogram answer = new Histogram(Histogram.LATENCY_SECONDS);

    void started(String trunk) {
        started.increment(trunk);
    }

    void answered(Duration sinceInvite) {
        answer.observe(sinceInvite.toNanos() / 1e9);
    }

    void ended(String trunk, EndedBy by) {
        ended.increment(trunk, by.name().toLowerCase(Locale.ROOT));
    }

    void rejected(int status) {
        rejected.increment(Integer.toString(status));
    }

    /** An INVITE refused with 503 at the door: over a call limit of the gateway or of its trunk. */
    void overloaded(CallAdmission.Refusal refusal) {
        rejected(503);
        overload.increment(refusal.scope(), refusal.limit().label);
    }

    /** A digest verdict on an INVITE of a trunk with auth: accepted, or why it was challenged or refused. */
    void authenticated(String outcome) {
        auth.increment(outcome);
    }

    /** An INVITE retransmitted after its final response, absorbed ({@link InviteRetransmissionValve}). */
    void retransmissionAbsorbed() {
        absorbed.increment();
    }

    void collect(MetricsWriter out, Iterable<SipCall> live) {
        Map<String, Integer> active = new TreeMap<>();
        for (SipCall c : live) {
            active.merge(c.trunkId(), 1, Integer::sum);
        }
        if (active.isEmpty()) {
            out.gauge("switchboard_calls_active", "Calls in progress", Map.of(), 0);
        }
        active.forEach(
                (trunk, n) -> out.gauge("switchboard_calls_active", "Calls in progress", Map.of("trunk", trunk), n));
        started.writeTo(out, "switchboard_calls_started_total", "Calls accepted");
        ended.writeTo(out, "switchboard_calls_total", "Calls ended, by trunk and how they ended");
        rejected.writeTo(out, "switchboard_invites_rejected_total", "INVITEs refused, by status");
        overload.writeTo(
                out,
                "switchboard_invites_overload_total",
                "INVITEs refused with 503 over a call limit, by scope (global, trunk) and limit (calls, rate)");
        auth.writeTo(
                out,
                "switchboard_sip_auth_total",
                "Digest verdicts on INVITEs of trunks with auth, by outcome "
                        + "(accepted, no_credentials, wrong_response, stale, replay, nonce, username, ...)");
        out.counter(
                "switchboard_invite_retransmissions_absorbed_total",
                "INVITEs retransmitted after their final response, dropped as copies",
                Map.of(),
                absorbed.sum());
        out.histogram(
                "switchboard_invite_answer_seconds", "INVITE received to 200 OK sent", Map.of(), answer.snapshot());
    }
}

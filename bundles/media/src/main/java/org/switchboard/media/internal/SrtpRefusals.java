package org.switchboard.media.internal;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.media.internal.srtp.SrtpReceiver.Outcome;

/** SRTP packets refused, by reason: counted for the metrics, and logged once per session. */
final class SrtpRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(SrtpRefusals.class);

    private final Map<Outcome, LongAdder> counts = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    void refused(String sessionId, Outcome outcome, InetSocketAddress from) {
        counts.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        if (warned.add(sessionId + outcome)) {
            String why = switch (outcome) {
                case AUTHENTICATION_FAILED -> "failed authentication (another key, plain RTP, or forged)";
                case REPLAYED -> "was a replay or older than the replay window";
                default -> "was not an SRTP packet";
            };
            LOG.warn(
                    "Session {}: an SRTP packet from {} {}; such packets are dropped and counted, this is said once",
                    sessionId,
                    from,
                    why);
        }
    }

    void forget(String sessionId) {
        warned.removeIf(k -> k.startsWith(sessionId));
    }

    void writeTo(MetricsWriter w) {
        for (Outcome o : new Outcome[] {Outcome.AUTHENTICATION_FAILED, Outcome.REPLAYED, Outcome.MALFORMED}) {
            LongAdder n = counts.get(o);
            w.counter(
                    "switchboard_srtp_refused_packets_total",
                    "SRTP packets dropped, by reason",
                    Map.of(
                            "reason",
                            switch (o) {
                                case AUTHENTICATION_FAILED -> "authentication";
                                case REPLAYED -> "replay";
                                default -> "malformed";
                            }),
                    n == null ? 0 : n.sum());
        }
    }
}

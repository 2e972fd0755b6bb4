package org.switchboard.sip.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.api.routing.CallRouting;
import org.switchboard.sip.internal.net.ConnectionGuard;
import org.switchboard.sip.internal.net.GuardedNetworkLayer;
import org.switchboard.util.metrics.LabeledCounter;

import gov.nist.javax.sip.SipStackImpl;

/**
 * The door of SIP connections: the {@link ConnectionGuard} on the stack's TCP and TLS listening sockets with this
 * configuration's limits and the trunks' allow-lists, and what it reports (metrics, a throttled line per source).
 */
final class Connections {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final SipSettings settings;
    private final Supplier<CallRouting> routing;
    private final ConnectionGuard guard;
    private final LabeledCounter refused = new LabeledCounter("transport", "reason");
    private final ThrottledLog log = new ThrottledLog(LOG, 1_000_000_000L);

    Connections(SipSettings settings, Supplier<CallRouting> routing) {
        this.settings = settings;
        this.routing = routing;
        this.guard = new ConnectionGuard(settings.maxConnections(), settings.maxConnectionsPerSource(), this::allowed);
    }

    /** Guards {@code stack}'s listening sockets; before any listening point is created. */
    void install(SipStackImpl stack) {
        GuardedNetworkLayer.install(stack, guard, settings.connectionIdleTimeoutS() * 1000, this::refused);
    }

    /**
     * Whether {@code source} is a trusted proxy or any trunk takes calls from it; while no call router is present,
     * nobody is turned away.
     */
    private boolean allowed(InetAddress source) {
        if (settings.trustedProxies().contains(source)) {
            return true;
        }
        CallRouting r = routing.get();
        return r == null || r.admits(source.getHostAddress());
    }

    private void refused(String transport, InetAddress source, ConnectionGuard.Refusal why) {
        refused.increment(transport, why.label);
        String ip = source == null ? "?" : source.getHostAddress();
        String reason = switch (why) {
            case NOT_ALLOWED -> "no trunk allows this address";
            case TOTAL -> settings.maxConnections() + " connections are open (max.connections)";
            case PER_SOURCE ->
                settings.maxConnectionsPerSource() + " connections from this address are open "
                        + "(max.connections.per.source)";
        };
        log.infoFrom(ip, "Refused a {} connection from {}: {}", transport, ip, reason);
    }

    void collect(MetricsWriter out) {
        out.gauge(
                "switchboard_sip_connections_open",
                "SIP connections (TCP and TLS) accepted and open",
                Map.of(),
                guard.open());
        refused.writeTo(
                out,
                "switchboard_sip_connections_refused_total",
                "SIP connections closed at accept, by transport and reason (not_allowed, limit, source_limit)");
    }
}

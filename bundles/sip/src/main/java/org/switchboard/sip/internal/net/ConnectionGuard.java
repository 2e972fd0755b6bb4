package org.switchboard.sip.internal.net;

import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Admission of SIP connections (TCP and TLS) at accept, before the stack spends its two threads per connection (and,
 * over TLS, a handshake) on them: a connection from a source no trunk allows is closed at once, and so is one over
 * the gateway's cap or over the cap per source address. Accepted connections are counted until they are closed,
 * whoever closes them.
 */
public final class ConnectionGuard {

    /** Why a connection was refused (the label of its metric). */
    public enum Refusal {
        NOT_ALLOWED("not_allowed"),
        TOTAL("limit"),
        PER_SOURCE("source_limit");

        public final String label;

        Refusal(String label) {
            this.label = label;
        }
    }

    private final int maxConnections;
    private final int maxPerSource;
    private final Predicate<InetAddress> allowed;
    private final Map<Socket, InetAddress> open = new HashMap<>();
    private final Map<InetAddress, Integer> perSource = new HashMap<>();

    /**
     * @param maxConnections connections open at once, 0 for no limit
     * @param maxPerSource connections open at once from one address, 0 for no limit
     * @param allowed whether any trunk allows a source address
     */
    public ConnectionGuard(int maxConnections, int maxPerSource, Predicate<InetAddress> allowed) {
        this.maxConnections = maxConnections;
        this.maxPerSource = maxPerSource;
        this.allowed = allowed;
    }

    /** Takes {@code socket} into the count, or says why it must be closed. */
    public synchronized Refusal admit(Socket socket) {
        prune();
        InetAddress source = socket.getInetAddress();
        if (source == null || !allowed.test(source)) {
            return Refusal.NOT_ALLOWED;
        }
        if (maxConnections > 0 && open.size() >= maxConnections) {
            return Refusal.TOTAL;
        }
        int fromSource = perSource.getOrDefault(source, 0);
        if (maxPerSource > 0 && fromSource >= maxPerSource) {
            return Refusal.PER_SOURCE;
        }
        open.put(socket, source);
        perSource.put(source, fromSource + 1);
        return null;
    }

    /** Connections open now. */
    public synchronized int open() {
        prune();
        return open.size();
    }

    private void prune() {
        for (Iterator<Map.Entry<Socket, InetAddress>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Socket, InetAddress> e = it.next();
            if (e.getKey().isClosed()) {
                it.remove();
                perSource.computeIfPresent(e.getValue(), (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}

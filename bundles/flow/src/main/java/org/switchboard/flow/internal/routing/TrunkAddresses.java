package org.switchboard.flow.internal.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.flow.internal.workspace.FqdnResolver;
import org.switchboard.flow.internal.workspace.Trunk;
import org.switchboard.flow.internal.workspace.Workspace;

/**
 * The addresses of trunks' FQDNs, looked up off the call path: a call is routed against the last addresses found, and
 * a look-up that fails keeps them.
 */
final class TrunkAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(TrunkAddresses.class);

    private final Map<String, List<InetAddress>> byTrunk = new ConcurrentHashMap<>();

    /** The last addresses found for {@code t}'s FQDN; empty before the first look-up. */
    List<InetAddress> of(Trunk t) {
        return byTrunk.getOrDefault(t.id(), List.of());
    }

    /** Looks up every FQDN of {@code w}'s trunks, and forgets trunks it no longer has. */
    void refresh(Workspace w, FqdnResolver resolver) {
        byTrunk.keySet().retainAll(w.trunks().keySet());
        for (Trunk t : w.trunks().values()) {
            if (t.fqdn() == null) {
                byTrunk.remove(t.id());
                continue;
            }
            try {
                List<InetAddress> found = resolver.resolve(t);
                List<InetAddress> before = byTrunk.put(t.id(), found);
                if (!found.equals(before)) {
                    LOG.info("Trunk '{}': {} ({}) resolves to {}", t.id(), t.fqdn(), t.resolve(), found);
                }
            } catch (UnknownHostException | javax.naming.NamingException | RuntimeException e) {
                LOG.warn(
                        "Trunk '{}': FQDN {} does not resolve ({}); keeping its last known addresses",
                        t.id(),
                        t.fqdn(),
                        e.toString());
            }
        }
    }
}

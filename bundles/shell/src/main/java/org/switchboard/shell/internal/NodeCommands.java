package org.switchboard.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.cluster.Cluster;
import org.switchboard.api.cluster.NodeInfo;

/** The {@code sb:} commands of a node in a cluster: {@code drain}, {@code undrain} and {@code nodes}. */
@Component(
        service = NodeCommands.class,
        property = {
            "osgi.command.scope=sb",
            "osgi.command.function=drain",
            "osgi.command.function=undrain",
            "osgi.command.function=nodes"
        })
public final class NodeCommands {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommands.class);
    private static final String NO_SIP = "The SIP bundle is not running: this node takes no calls anyway.";

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LiveCalls live;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Cluster cluster;

    @Descriptor("drain this node: new INVITEs get 503 (and OPTIONS 503, so a proxy in front sends calls elsewhere) "
            + "while the calls in progress finish; run it again to see how many are left")
    public String drain() {
        LiveCalls l = live;
        if (l == null) {
            return NO_SIP;
        }
        boolean already = l.draining();
        if (!already) {
            l.drain();
            LOG.info("Shell: node drained by sb:drain");
        }
        int calls = l.calls().size();
        return (already ? "Draining already" : "Draining") + ": new calls are refused. "
                + (calls == 0
                        ? "No call in progress: the node can be stopped."
                        : calls + " call(s) in progress; sb:drain again shows how many are left.");
    }

    @Descriptor("take new calls again after sb:drain")
    public String undrain() {
        LiveCalls l = live;
        if (l == null) {
            return NO_SIP;
        }
        if (!l.draining()) {
            return "Not draining: this node takes calls.";
        }
        l.undrain();
        LOG.info("Shell: drain ended by sb:undrain");
        return "Taking calls again.";
    }

    @Descriptor("list the nodes sharing this database: state, calls, last heartbeat, addresses")
    public String nodes() {
        Cluster c = cluster;
        if (c == null) {
            return "The store is not running: the cluster is not known.";
        }
        Text t = new Text("NODE", "STATE", "CALLS", "LAST SEEN", "SIP", "HTTP");
        for (NodeInfo n : c.nodes()) {
            t.row(
                    n.id() + (n.local() ? " (this)" : ""),
                    n.state(),
                    n.calls(),
                    Text.time(n.lastSeen()),
                    n.sipAddress(),
                    n.httpAddress());
        }
        return t.toString();
    }
}

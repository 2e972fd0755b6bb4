package org.switchboard.admin.internal;

import java.util.Optional;

import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.cluster.Cluster;
import org.switchboard.api.cluster.NodeInfo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * This node and the cluster: {@code GET /node} (this node's id, state and calls in progress), {@code POST /node/drain}
 * and {@code /node/undrain} (refuse new calls while those in progress finish, then take them again), and
 * {@code GET /nodes} (every node sharing the database, as its heartbeats tell).
 */
final class NodeApi {

    private final Router.Need<LiveCalls> live;
    private final Router.Need<Cluster> cluster;

    NodeApi(Router.Need<LiveCalls> live, Router.Need<Cluster> cluster) {
        this.live = live;
        this.cluster = cluster;
    }

    void routes(Router r) {
        r.add("GET", "/node", q -> Router.Reply.ok(node()));
        r.add("POST", "/node/drain", q -> {
            live.get().drain();
            return Router.Reply.ok(node());
        });
        r.add("POST", "/node/undrain", q -> {
            live.get().undrain();
            return Router.Reply.ok(node());
        });
        r.add("GET", "/nodes", q -> {
            JsonArray a = new JsonArray();
            cluster.get().nodes().forEach(n -> a.add(info(n)));
            return Router.Reply.ok(a);
        });
    }

    /** This node: its id (when the store is there), whether it drains, its calls, and whether a drain is done. */
    private JsonObject node() throws AdminException {
        LiveCalls l = live.get();
        JsonObject o = new JsonObject();
        Optional<String> id = localId();
        o.addProperty("id", id.orElse(null));
        boolean draining = l.draining();
        int calls = l.calls().size();
        o.addProperty("state", draining ? NodeInfo.DRAINING : NodeInfo.ACTIVE);
        o.addProperty("calls", calls);
        o.addProperty("empty", calls == 0);
        o.addProperty("message", draining ? (calls == 0 ? "Drained: no calls in progress; the node can be stopped"
                : "Draining: new calls are refused; " + calls + " call(s) in progress")
                : "Taking calls");
        return o;
    }

    private Optional<String> localId() {
        try {
            return Optional.of(cluster.get().localNodeId());
        } catch (AdminException e) {
            return Optional.empty();
        }
    }

    private static JsonObject info(NodeInfo n) {
        JsonObject o = new JsonObject();
        o.addProperty("id", n.id());
        o.addProperty("state", n.state());
        o.addProperty("local", n.local());
        o.addProperty("calls", n.calls());
        o.addProperty("startedAt", AdminJson.time(n.startedAt()));
        o.addProperty("lastSeen", AdminJson.time(n.lastSeen()));
        o.addProperty("sipAddress", n.sipAddress());
        o.addProperty("httpAddress", n.httpAddress());
        return o;
    }
}

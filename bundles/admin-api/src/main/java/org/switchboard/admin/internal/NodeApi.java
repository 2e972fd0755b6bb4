package org.switchboard.admin.internal;

import java.util.Optional;

import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.cluster.ActionResult;
import org.switchboard.api.cluster.CallAction;
import org.switchboard.api.cluster.Cluster;
import org.switchboard.api.cluster.NodeInfo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * This node and the cluster: {@code GET /node} (this node's id, state and calls in progress), {@code POST /node/drain}
 * and {@code /node/undrain} (refuse new calls while those in progress finish, then take them again), and
 * {@code GET /nodes} (every node sharing the database, as its heartbeats tell), and {@code POST /calls/{id}/hangup}
 * and {@code /calls/{id}/transfer} for a call held by any node.
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
        r.add(
                "POST",
                "/calls/([^/]{1,512})/hangup",
                q -> act(q.param(0), CallAction.HANG_UP, "hang-up from the admin API"));
        r.add(
                "POST",
                "/calls/([^/]{1,512})/transfer",
                q -> act(q.param(0), CallAction.TRANSFER_TO_AGENT, "agent transfer from the admin API"));
        r.add("GET", "/nodes", q -> {
            JsonArray a = new JsonArray();
            cluster.get().nodes().forEach(n -> a.add(info(n)));
            return Router.Reply.ok(a);
        });
    }

    /**
     * An operator's action on a call held by any node: 202 once the holding node carried it out, 404 when no such
     * call is in progress, 409 when the node holding it is down, 504 when that node did not answer in time.
     */
    private Router.Reply act(String id, CallAction action, String reason) throws AdminException {
        ActionResult r = cluster.get().act(id, action, reason);
        return switch (r.outcome()) {
            case DONE -> {
                JsonObject o = new JsonObject();
                o.addProperty("node", r.nodeId());
                o.addProperty("message", r.message());
                yield new Router.Reply(202, o);
            }
            case NO_SUCH_CALL -> throw new AdminException(404, r.message());
            case NODE_DOWN -> throw new AdminException(409, r.message());
            case NO_ANSWER -> throw new AdminException(504, r.message());
        };
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
        o.addProperty(
                "message",
                draining
                        ? (calls == 0
                                ? "Drained: no calls in progress; the node can be stopped"
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

package org.switchboard.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.cluster.ActionResult;
import org.switchboard.api.cluster.CallAction;
import org.switchboard.api.cluster.Cluster;
import org.switchboard.api.cluster.NodeInfo;
import org.switchboard.api.conversation.EndedBy;

/**
 * This node's place in the cluster: every heartbeat it writes its state (active or draining, from the SIP bundle's
 * {@link LiveCalls}) and its call count to its row of {@code nodes}, and watches the other nodes' rows. A node whose
 * heartbeat stands still for {@code node.lost.after.s} (timed on this node's clock, so clocks need not agree) is
 * declared lost, and the sessions it held are closed: ended by system, {@value #NODE_LOST}. Declaring is one
 * conditional update, so when several nodes notice at once exactly one of them closes the sessions. With each
 * heartbeat it also carries out the operators' actions other nodes left for its calls ({@link CallCommands}).
 */
@Component(service = Cluster.class, immediate = true)
public final class ClusterNodes implements Cluster {

    /** The end reason of the sessions a lost node held. */
    static final String NODE_LOST = "node lost";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodes.class);

    private final Database database;
    private final Jdbc jdbc;
    private final ScheduledExecutorService timer;
    private final Map<String, Watched> watched = new HashMap<>();
    private volatile LiveCalls live;
    private volatile boolean failing;
    private volatile boolean displaced;
    private final CallCommands commands;

    /** Another node's row as last read, and when (this node's clock) it last changed. */
    private record Watched(String instance, long heartbeat, long sinceNanos) {}

    @Activate
    public ClusterNodes(@Reference Database database) {
        this.database = database;
        this.jdbc = database.jdbc();
        this.commands = new CallCommands(database, () -> live, java.time.Duration.ofSeconds(5));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-cluster");
            t.setDaemon(true);
            return t;
        });
        long every = database.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLive(LiveCalls l) {
        live = l;
        timer.execute(this::tick);
    }

    void unbindLive(LiveCalls l) {
        if (live == l) {
            live = null;
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        try {
            // a heartbeat in flight would otherwise mark the node active again after it is recorded stopped
            if (!timer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("Node {}: its last heartbeat did not finish within 5 s", database.nodeId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jdbc.update(
                    "node stopped",
                    "UPDATE nodes SET state = ?, heartbeat_at = ?, calls = 0 WHERE node_id = ? "
                            + "AND instance_id = ?",
                    NodeInfo.STOPPED,
                    System.currentTimeMillis(),
                    database.nodeId(),
                    database.instanceId());
        } catch (RuntimeException e) {
            LOG.warn("Could not record node {} as stopped: {}", database.nodeId(), e.getMessage());
        }
    }

    void tick() {
        try {
            heartbeat();
            commands.runPending();
            watch(System.nanoTime());
            if (failing) {
                failing = false;
                LOG.info("Node {} heartbeats again", database.nodeId());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn(
                        "Node {} cannot heartbeat ({}); other nodes may declare it lost after {} s",
                        database.nodeId(),
                        e.getMessage(),
                        database.lostAfter().toSeconds());
            }
        }
    }

    private void heartbeat() {
        LiveCalls l = live;
        String state = l != null && l.draining() ? NodeInfo.DRAINING : NodeInfo.ACTIVE;
        int calls = l == null ? 0 : l.calls().size();
        int n = jdbc.update(
                "heartbeat",
                "UPDATE nodes SET heartbeat_at = ?, state = ?, calls = ? WHERE node_id = ? " + "AND instance_id = ?",
                System.currentTimeMillis(),
                state,
                calls,
                database.nodeId(),
                database.instanceId());
        if (n == 0 && !displaced) {
            displaced = true;
            LOG.error(
                    "Node id {} was taken by another process (its row names another instance): two nodes share "
                            + "this id; give each its own node.id",
                    database.nodeId());
        }
    }

    /** Reads the other running nodes and declares lost those whose heartbeat stood still too long. */
    void watch(long nowNanos) {
        Map<String, Watched> seen = jdbc.query("read nodes", c -> {
            Map<String, Watched> rows = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT node_id, instance_id, heartbeat_at FROM nodes "
                    + "WHERE state IN (?, ?) AND node_id <> ?")) {
                Jdbc.bind(p, NodeInfo.ACTIVE, NodeInfo.DRAINING, database.nodeId());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.put(r.getString(1), new Watched(r.getString(2), r.getLong(3), nowNanos));
                    }
                }
            }
            return rows;
        });
        watched.keySet().retainAll(seen.keySet());
        long limit = database.lostAfter().toNanos();
        for (Map.Entry<String, Watched> e : seen.entrySet()) {
            Watched now = e.getValue();
            Watched before = watched.get(e.getKey());
            if (before == null
                    || before.heartbeat() != now.heartbeat()
                    || !before.instance().equals(now.instance())) {
                watched.put(e.getKey(), now);
            } else if (nowNanos - before.sinceNanos() >= limit) {
                declareLost(e.getKey(), now);
                watched.remove(e.getKey());
            }
        }
    }

    private void declareLost(String nodeId, Watched w) {
        long now = System.currentTimeMillis();
        int closed = jdbc.transaction("declare node " + nodeId + " lost", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE nodes SET state = ? WHERE node_id = ? AND "
                    + "instance_id = ? AND heartbeat_at = ? AND state IN (?, ?)")) {
                Jdbc.bind(p, NodeInfo.LOST, nodeId, w.instance(), w.heartbeat(), NodeInfo.ACTIVE, NodeInfo.DRAINING);
                if (p.executeUpdate() == 0) {
                    return -1; // it came back, stopped, or another node declared it first
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE sessions SET ended_at = CASE WHEN started_at > ? "
                            + "THEN started_at ELSE ? END, ended_by = ?, end_reason = ? WHERE node_id = ? AND ended_at IS NULL")) {
                Jdbc.bind(p, w.heartbeat(), w.heartbeat(), EndedBy.SYSTEM.name(), NODE_LOST, nodeId);
                return p.executeUpdate();
            }
        });
        if (closed >= 0) {
            LOG.warn(
                    "Node {} lost: its heartbeat stood still for {} s (last at {}); closed the {} session(s) it held: "
                            + "ended by system, '{}'",
                    nodeId,
                    database.lostAfter().toSeconds(),
                    Instant.ofEpochMilli(w.heartbeat()),
                    closed,
                    NODE_LOST);
        }
    }

    @Override
    public ActionResult act(String sessionOrCallId, CallAction action, String reason) {
        return commands.act(sessionOrCallId, action, reason);
    }

    @Override
    public String localNodeId() {
        return database.nodeId();
    }

    @Override
    public List<NodeInfo> nodes() {
        List<NodeInfo> nodes = jdbc.query("list nodes", c -> {
            List<NodeInfo> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT node_id, state, started_at, heartbeat_at, calls, "
                            + "sip_address, http_address FROM nodes ORDER BY node_id");
                    ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    out.add(new NodeInfo(
                            id,
                            r.getString(2),
                            Instant.ofEpochMilli(r.getLong(3)),
                            Instant.ofEpochMilli(r.getLong(4)),
                            r.getInt(5),
                            r.getString(6),
                            r.getString(7),
                            id.equals(database.nodeId())));
                }
            }
            return out;
        });
        nodes.sort((a, b) -> Boolean.compare(b.local(), a.local()));
        return nodes;
    }
}

package org.switchboard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.switchboard.api.cluster.NodeInfo;

/**
 * Takes this process's node id in the {@code nodes} table when the store opens. The id is refused when another
 * running process holds it: a row in a running state, from another home (host and data directory), whose heartbeat
 * still moves. A row from this same home is this node's previous process (a crash or a restart) and is taken over
 * at once; a row whose heartbeat stopped is taken over after it is seen still.
 */
final class NodeClaim {

    private NodeClaim() {}

    /** What the row of a node id held before the claim. */
    private record Row(String instance, String home, String state, long heartbeat) {}

    /**
     * Claims {@code nodeId} for {@code instanceId}, or throws an {@link IllegalStateException} that says what to fix.
     *
     * @param heartbeat how often nodes heartbeat: a row from another home is watched twice that long
     */
    static void claim(
            Jdbc jdbc, String nodeId, String instanceId, String home, Duration heartbeat, String sip, String http) {
        Row row = read(jdbc, nodeId);
        if (row != null && running(row) && !row.home().equals(home)) {
            sleep(heartbeat.multipliedBy(2).plusMillis(200));
            Row again = read(jdbc, nodeId);
            if (again != null
                    && running(again)
                    && (again.heartbeat() != row.heartbeat()
                            || !again.instance().equals(row.instance()))) {
                throw new IllegalStateException("node id '" + nodeId + "' is in use by a running node (" + again.home()
                        + "; its heartbeat is moving): give each node its own id, in PID " + Database.PID
                        + " property 'node.id' or the framework property switchboard.node.id");
            }
        }
        long now = System.currentTimeMillis();
        try {
            jdbc.transaction("claim node id " + nodeId, c -> {
                if (update(c, nodeId, instanceId, home, now, sip, http) > 0) {
                    return false;
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO nodes (node_id, instance_id, home, "
                        + "started_at, heartbeat_at, state, calls, sip_address, http_address) VALUES (?, ?, ?, ?, ?, ?, 0, "
                        + "?, ?)")) {
                    Jdbc.bind(p, nodeId, instanceId, home, now, now, NodeInfo.ACTIVE, sip, http);
                    p.executeUpdate();
                }
                return true;
            });
        } catch (IllegalStateException e) {
            Row other = read(jdbc, nodeId);
            if (other != null && !other.instance().equals(instanceId)) {
                throw new IllegalStateException(
                        "node id '" + nodeId + "' was claimed at the same moment by another node ("
                                + other.home() + "): give each node its own id, in PID " + Database.PID
                                + " property 'node.id' or the framework property switchboard.node.id",
                        e);
            }
            throw e;
        }
    }

    private static int update(
            Connection c, String nodeId, String instanceId, String home, long now, String sip, String http)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE nodes SET instance_id = ?, home = ?, started_at = ?, "
                + "heartbeat_at = ?, state = ?, calls = 0, sip_address = ?, http_address = ? WHERE node_id = ?")) {
            Jdbc.bind(p, instanceId, home, now, now, NodeInfo.ACTIVE, sip, http, nodeId);
            return p.executeUpdate();
        }
    }

    private static Row read(Jdbc jdbc, String nodeId) {
        return jdbc.query("read node " + nodeId, c -> {
            try (PreparedStatement p =
                    c.prepareStatement("SELECT instance_id, home, state, heartbeat_at FROM nodes WHERE node_id = ?")) {
                p.setString(1, nodeId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? new Row(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)) : null;
                }
            }
        });
    }

    private static boolean running(Row row) {
        return NodeInfo.ACTIVE.equals(row.state()) || NodeInfo.DRAINING.equals(row.state());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the node id", e);
        }
    }
}

package org.switchboard.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.cluster.ActionResult;
import org.switchboard.api.cluster.ActionResult.Outcome;
import org.switchboard.api.cluster.CallAction;
import org.switchboard.api.cluster.NodeInfo;

/**
 * Operators' actions on calls, wherever they are held: a call of this node is acted on at once through
 * {@link LiveCalls}; a call of another node becomes a row of {@code call_commands}, which that node picks up with its
 * next heartbeat ({@link #runPending}), carries out and marks done, while the asking node waits for it. A node that
 * is down (lost, stopped, or not heartbeating) is named as such at once.
 */
final class CallCommands {

    private static final Logger LOG = LoggerFactory.getLogger(CallCommands.class);
    private static final String PENDING = "pending";
    private static final String DONE = "done";
    private static final String NOT_FOUND = "not_found";
    private static final String EXPIRED = "expired";

    private final Database database;
    private final Jdbc jdbc;
    private final Supplier<LiveCalls> live;
    private final Duration wait;

    CallCommands(Database database, Supplier<LiveCalls> live, Duration wait) {
        this.database = database;
        this.jdbc = database.jdbc();
        this.live = live;
        this.wait = wait;
    }

    /** The node that holds (held) a call and whether it ended, from the sessions table. */
    private record Held(String sessionId, String nodeId, boolean ended, String endReason) {}

    ActionResult act(String id, CallAction action, String reason) {
        LiveCalls l = live.get();
        if (l != null && l.find(id).isPresent()) {
            ActionResult here = local(id, action, reason); // no database needed for a call of this node
            if (here.outcome() == Outcome.DONE) {
                return here;
            }
        }
        Held held = held(id);
        if (held == null) {
            return new ActionResult(Outcome.NO_SUCH_CALL, null, "No call has the id '" + printable(id) + "'");
        }
        if (held.ended() && ClusterNodes.NODE_LOST.equals(held.endReason())) {
            return new ActionResult(
                    Outcome.NODE_DOWN,
                    held.nodeId(),
                    "Node " + held.nodeId() + " held call " + held.sessionId()
                            + " and is down (lost): the call ended with it");
        }
        if (held.ended()) {
            return new ActionResult(
                    Outcome.NO_SUCH_CALL, held.nodeId(), "The call " + held.sessionId() + " has ended already");
        }
        if (database.nodeId().equals(held.nodeId()) || held.nodeId() == null) {
            return local(held.sessionId(), action, reason);
        }
        NodeInfo owner = owner(held.nodeId());
        long stale = Math.max(3 * database.heartbeat().toMillis(), 3000);
        if (owner == null
                || !owner.running()
                || owner.lastSeen().isBefore(Instant.now().minusMillis(stale))) {
            String state = owner == null ? "unknown" : owner.state() + ", last seen " + owner.lastSeen();
            return new ActionResult(
                    Outcome.NODE_DOWN,
                    held.nodeId(),
                    "Node " + held.nodeId() + " holds call " + held.sessionId() + " but is down (" + state
                            + "): the call ended with it");
        }
        long commandId = request(held, action, reason);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String state = state(commandId);
            if (DONE.equals(state)) {
                return new ActionResult(
                        Outcome.DONE,
                        held.nodeId(),
                        describe(action) + " call " + held.sessionId() + " on node " + held.nodeId());
            }
            if (NOT_FOUND.equals(state)) {
                return new ActionResult(
                        Outcome.NO_SUCH_CALL,
                        held.nodeId(),
                        "Node " + held.nodeId() + " has no call " + held.sessionId()
                                + " in progress (it may have ended already)");
            }
            sleep(100);
        }
        jdbc.update(
                "expire command",
                "UPDATE call_commands SET state = ? WHERE id = ? AND state = ?",
                EXPIRED,
                commandId,
                PENDING);
        return new ActionResult(
                Outcome.NO_ANSWER,
                held.nodeId(),
                "Node " + held.nodeId() + " did not take the " + "action on call " + held.sessionId() + " within "
                        + wait.toSeconds() + " s");
    }

    private ActionResult local(String sessionId, CallAction action, String reason) {
        LiveCalls l = live.get();
        boolean found = l != null
                && (action == CallAction.HANG_UP ? l.hangup(sessionId, reason) : l.transferToAgent(sessionId, reason));
        if (!found) {
            return new ActionResult(
                    Outcome.NO_SUCH_CALL,
                    database.nodeId(),
                    "No call " + sessionId + " is in progress on this node (it may have ended already)");
        }
        return new ActionResult(Outcome.DONE, database.nodeId(), describe(action) + " call " + sessionId);
    }

    private static String describe(CallAction action) {
        return action == CallAction.HANG_UP ? "Hanging up" : "Transferring to an agent";
    }

    /** Carries out the commands other nodes left for this one; expires those older than a minute. */
    void runPending() {
        record Command(long id, String sessionId, String action, String reason, long at) {}
        List<Command> pending = jdbc.query("read commands", c -> {
            List<Command> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, session_id, action, reason, requested_at FROM "
                    + "call_commands WHERE node_id = ? AND state = ? ORDER BY id")) {
                Jdbc.bind(p, database.nodeId(), PENDING);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Command(
                                r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5)));
                    }
                }
            }
            return out;
        });
        for (Command cmd : pending) {
            String outcome;
            if (System.currentTimeMillis() - cmd.at() > 60_000) {
                outcome = EXPIRED;
            } else {
                CallAction action = CallAction.valueOf(cmd.action());
                ActionResult r = local(cmd.sessionId(), action, cmd.reason());
                outcome = r.outcome() == Outcome.DONE ? DONE : NOT_FOUND;
                LOG.info("Operator action from another node: {} call {}: {}", action, cmd.sessionId(), r.message());
            }
            jdbc.update(
                    "command done",
                    "UPDATE call_commands SET state = ?, done_at = ? WHERE id = ? AND state = ?",
                    outcome,
                    System.currentTimeMillis(),
                    cmd.id(),
                    PENDING);
        }
    }

    private Held held(String id) {
        return jdbc.query("find call", c -> {
            try (PreparedStatement p =
                    c.prepareStatement("SELECT session_id, node_id, ended_at, end_reason FROM sessions WHERE "
                            + "session_id = ? OR call_id = ? ORDER BY started_at DESC")) {
                Jdbc.bind(p, id, id);
                p.setMaxRows(1);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    r.getLong(3);
                    boolean ended = !r.wasNull();
                    return new Held(r.getString(1).trim(), r.getString(2), ended, r.getString(4));
                }
            }
        });
    }

    private NodeInfo owner(String nodeId) {
        return jdbc.query("read node", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT state, started_at, heartbeat_at, calls FROM nodes " + "WHERE node_id = ?")) {
                p.setString(1, nodeId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next()
                            ? new NodeInfo(
                                    nodeId,
                                    r.getString(1),
                                    Instant.ofEpochMilli(r.getLong(2)),
                                    Instant.ofEpochMilli(r.getLong(3)),
                                    r.getInt(4),
                                    null,
                                    null,
                                    false)
                            : null;
                }
            }
        });
    }

    private long request(Held held, CallAction action, String reason) {
        return jdbc.transaction("request action", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO call_commands (node_id, session_id, action, "
                            + "reason, requested_at, state) VALUES (?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                Jdbc.bind(
                        p,
                        held.nodeId(),
                        held.sessionId(),
                        action.name(),
                        reason == null ? null : reason.substring(0, Math.min(400, reason.length())),
                        System.currentTimeMillis(),
                        PENDING);
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private String state(long id) {
        return jdbc.query("read command", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT state FROM call_commands WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    private static String printable(String s) {
        String t = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another node", e);
        }
    }
}

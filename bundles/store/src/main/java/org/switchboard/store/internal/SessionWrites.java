package org.switchboard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;

/**
 * The conversation writes as SQL, each committed on return. A connection failure is a
 * {@link StoreUnavailableException}; {@link DurableWrites} journals the write then. Starting a session twice, and
 * setting a time or the end twice, change nothing, so a replayed journal entry does no harm.
 */
final class SessionWrites {

    static final String COLUMNS = "session_id, call_id, bot_id, trunk_id, did, caller, started_at, answered_at, "
            + "handoff_at, ended_at, ended_by, end_reason";
    private static final Gson GSON = new Gson();

    private static final Logger LOG = LoggerFactory.getLogger(SessionWrites.class);

    private final Jdbc jdbc;
    private final String nodeId;

    SessionWrites(Jdbc jdbc, String nodeId) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
    }

    void start(Conversation c) {
        jdbc.transaction("start session " + c.sessionId(), con -> {
            try (PreparedStatement p = con.prepareStatement("SELECT 1 FROM sessions WHERE session_id = ?")) {
                p.setString(1, c.sessionId());
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        return null; // recorded already: a replay after a retry
                    }
                }
            }
            try (PreparedStatement p = con.prepareStatement("INSERT INTO sessions (" + COLUMNS
                    + ", node_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, c.sessionId());
                p.setString(2, c.callId());
                p.setString(3, c.botId());
                p.setString(4, c.trunkId());
                p.setString(5, c.did());
                p.setString(6, c.caller());
                p.setLong(7, c.startedAt().toEpochMilli());
                Jdbc.setLong(p, 8, millis(c.answeredAt()));
                Jdbc.setLong(p, 9, millis(c.handoffAt()));
                Jdbc.setLong(p, 10, millis(c.endedAt()));
                p.setString(11, c.endedBy() == null ? null : c.endedBy().name());
                p.setString(12, c.endReason());
                p.setString(13, nodeId);
                p.executeUpdate();
            }
            for (String task : c.taskPath()) {
                insertTask(con, c.sessionId(), task);
            }
            return null;
        });
    }

    void answered(String sessionId, Instant at) {
        setOnce(sessionId, "answered_at", at);
    }

    void handedOff(String sessionId, Instant at) {
        setOnce(sessionId, "handoff_at", at);
    }

    private void setOnce(String sessionId, String column, Instant at) {
        jdbc.update("set " + column, "UPDATE sessions SET " + column + " = ? WHERE session_id = ? AND " + column
                + " IS NULL", at.toEpochMilli(), sessionId);
    }

    void end(String sessionId, Instant at, EndedBy endedBy, String reason) {
        jdbc.update("end session", "UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ? "
                + "WHERE session_id = ? AND ended_at IS NULL", at.toEpochMilli(), endedBy.name(), truncate(reason, 1000),
                sessionId);
    }

    /**
     * Ends the sessions this node left open when it went away without ending them (a crash, a kill): those it
     * started before {@code before} (this process's start), and those recorded before nodes were named.
     *
     * @return how many were closed
     */
    int closeAbandoned(Instant before, Instant at, String reason) {
        int closed = jdbc.update("close abandoned sessions", "UPDATE sessions SET ended_at = ?, ended_by = ?, "
                + "end_reason = ? WHERE ended_at IS NULL AND started_at < ? AND (node_id = ? OR node_id IS NULL)",
                at.toEpochMilli(), EndedBy.SYSTEM.name(), reason, before.toEpochMilli(), nodeId);
        if (closed > 0) {
            LOG.warn("Closed {} session(s) node {} left open when it stopped without ending them: ended by system, "
                    + "'{}'", closed, nodeId, reason);
        }
        return closed;
    }

    void addTurn(Turn t) {
        jdbc.update("add turn", "INSERT INTO session_turns (session_id, direction, at, text, digits, confidence, "
                + "task_name, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", t.sessionId(), t.direction().name(),
                t.at().toEpochMilli(), truncate(t.text(), 100_000), truncate(t.digits(), 100), t.confidence(),
                truncate(t.taskName(), 400), truncate(t.lang(), 16));
    }

    void addEvent(ConversationEvent e) {
        jdbc.update("add event", "INSERT INTO session_events (session_id, at, type, attributes) VALUES (?, ?, ?, ?)",
                e.sessionId(), e.at().toEpochMilli(), truncate(e.type(), 100), GSON.toJson(e.attributes()));
    }

    void addSipMessage(SipMessageRecord m) {
        jdbc.update("add SIP message", "INSERT INTO session_sip_messages (session_id, at, direction, first_line, "
                + "headers) VALUES (?, ?, ?, ?, ?)", m.sessionId(), m.at().toEpochMilli(), m.direction().name(),
                truncate(m.firstLine(), 2000), GSON.toJson(m.headers()));
    }

    void addTask(String sessionId, String taskName) {
        jdbc.update("add task", "INSERT INTO session_tasks (session_id, name) VALUES (?, ?)", sessionId,
                truncate(taskName, 400));
    }

    private static void insertTask(Connection c, String sessionId, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO session_tasks (session_id, name) VALUES (?, ?)")) {
            Jdbc.bind(p, sessionId, truncate(name, 400));
            p.executeUpdate();
        }
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

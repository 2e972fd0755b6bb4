package org.switchboard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;

/**
 * The conversation writes as SQL. {@link #apply} writes a batch of them in order in one transaction, each statement
 * prepared once per batch: a call's dozen records, and those of every other call queued meanwhile, cost one commit.
 * A connection failure is a {@link StoreUnavailableException}; {@link DurableWrites} journals the batch then.
 * Starting a session twice, and setting a time or the end twice, change nothing, so a replayed journal entry does no
 * harm.
 */
final class SessionWrites {

    static final String COLUMNS = "session_id, call_id, bot_id, trunk_id, did, caller, started_at, answered_at, "
            + "handoff_at, ended_at, ended_by, end_reason";
    /** The most characters of one kind (SIP messages, events, tasks) written in one row (a column holds 1,000,000). */
    static final int ROW_CHARS = 500_000;
    /** The longest end reason kept (the column's size). */
    static final int REASON_MAX = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(SessionWrites.class);

    private final Jdbc jdbc;
    private final String nodeId;
    private volatile boolean checkpoint;

    /** {@code checkpoint}: write each batch through to the file (see {@link Database#writesThrough()}). */
    SessionWrites(Jdbc jdbc, String nodeId, boolean checkpoint) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.checkpoint = checkpoint;
    }

    /** The statements of one batch, each prepared once. */
    static final class Statements implements AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Statements(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement get(String sql) throws SQLException {
            PreparedStatement p = prepared.get(sql);
            if (p == null) {
                p = connection.prepareStatement(sql);
                prepared.put(sql, p);
            }
            return p;
        }

        int update(String sql, Object... args) throws SQLException {
            PreparedStatement p = get(sql);
            Jdbc.bind(p, args);
            return p.executeUpdate();
        }

        @Override
        public void close() {
            for (PreparedStatement p : prepared.values()) {
                try {
                    p.close();
                } catch (SQLException e) {
                    LOG.debug("closing a statement: {}", e.toString());
                }
            }
        }
    }

    /** Writes {@code records} in order, in one transaction, and through to the file when the database delays it. */
    void apply(List<Recorded> records) {
        jdbc.transaction("write " + records.size() + " conversation record(s)", c -> {
            try (Statements s = new Statements(c)) {
                for (Recorded r : SessionBatches.group(BatchFold.fold(records))) {
                    r.applyTo(this, s);
                }
            }
            return null;
        });
        if (checkpoint) {
            try {
                jdbc.update("checkpoint", "CHECKPOINT");
            } catch (StoreUnavailableException e) {
                LOG.debug("Checkpoint after a batch failed: {}", e.getMessage()); // committed; the next write sees it
            } catch (RuntimeException e) {
                checkpoint = false;
                LOG.warn(
                        "Conversation records cannot be written through to the database file ({}): a killed process "
                                + "may lose the last h2.write.delay.ms of them",
                        e.getMessage());
            }
        }
    }

    /** Inserts the session unless it is there already (a replay after a retry); says whether it inserted it. */
    boolean start(Statements s, Conversation c) throws SQLException {
        PreparedStatement exists = s.get("SELECT 1 FROM sessions WHERE session_id = ?");
        exists.setString(1, c.sessionId());
        try (ResultSet r = exists.executeQuery()) {
            if (r.next()) {
                return false;
            }
        }
        s.update(
                "INSERT INTO sessions (" + COLUMNS + ", node_id, sip_headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?)",
                c.sessionId(),
                c.callId(),
                c.botId(),
                c.trunkId(),
                c.did(),
                c.caller(),
                c.startedAt().toEpochMilli(),
                millis(c.answeredAt()),
                millis(c.handoffAt()),
                millis(c.endedAt()),
                c.endedBy() == null ? null : c.endedBy().name(),
                c.endReason(),
                nodeId,
                c.sipHeaders().isEmpty() ? null : JsonText.of(c.sipHeaders()));
        if (!c.taskPath().isEmpty()) {
            addBatch(s, c.sessionId(), List.of(), List.of(), c.taskPath());
        }
        return true;
    }

    void answered(Statements s, String sessionId, Instant at) throws SQLException {
        s.update(
                "UPDATE sessions SET answered_at = ? WHERE session_id = ? AND answered_at IS NULL",
                at.toEpochMilli(),
                sessionId);
    }

    /** {@code c} as {@link #answered} would leave its row: the first answer wins. */
    static Conversation afterAnswered(Conversation c, Instant at) {
        return c.answeredAt() != null
                ? c
                : BatchFold.with(c, at, c.handoffAt(), c.endedAt(), c.endedBy(), c.endReason());
    }

    void handedOff(Statements s, String sessionId, Instant at) throws SQLException {
        s.update(
                "UPDATE sessions SET handoff_at = ? WHERE session_id = ? AND handoff_at IS NULL",
                at.toEpochMilli(),
                sessionId);
    }

    /** {@code c} as {@link #handedOff} would leave its row: the first hand-off wins. */
    static Conversation afterHandedOff(Conversation c, Instant at) {
        return c.handoffAt() != null
                ? c
                : BatchFold.with(c, c.answeredAt(), at, c.endedAt(), c.endedBy(), c.endReason());
    }

    void end(Statements s, String sessionId, Instant at, EndedBy endedBy, String reason) throws SQLException {
        // a node cut off from the database long enough to be declared lost was alive all along: its real end wins
        s.update(
                "UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ? WHERE session_id = ? AND (ended_at IS "
                        + "NULL OR (ended_by = ? AND end_reason = ?))",
                at.toEpochMilli(),
                endedBy.name(),
                truncate(reason, REASON_MAX),
                sessionId,
                EndedBy.SYSTEM.name(),
                ClusterNodes.NODE_LOST);
    }

    /** {@code c} as {@link #end} would leave its row: an end replaces no end, or a node declared lost. */
    static Conversation afterEnd(Conversation c, Instant at, EndedBy endedBy, String reason) {
        boolean endable =
                c.endedAt() == null || (c.endedBy() == EndedBy.SYSTEM && ClusterNodes.NODE_LOST.equals(c.endReason()));
        return endable
                ? BatchFold.with(c, c.answeredAt(), c.handoffAt(), at, endedBy, truncate(reason, REASON_MAX))
                : c;
    }

    /**
     * Ends the sessions this node left open when it went away without ending them (a crash, a kill): those it
     * started before {@code before} (this process's start), and those recorded before nodes were named.
     */
    void closeAbandoned(Statements s, Instant before, Instant at, String reason) throws SQLException {
        int closed = s.update(
                "UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ? WHERE ended_at IS NULL "
                        + "AND started_at < ? AND (node_id = ? OR node_id IS NULL)",
                at.toEpochMilli(),
                EndedBy.SYSTEM.name(),
                reason,
                before.toEpochMilli(),
                nodeId);
        if (closed > 0) {
            LOG.warn(
                    "Closed {} session(s) node {} left open when it stopped without ending them: ended by system, "
                            + "'{}'",
                    closed,
                    nodeId,
                    reason);
        }
    }

    void addTurn(Statements s, Turn t) throws SQLException {
        s.update(
                "INSERT INTO session_turns (session_id, direction, at, text, digits, confidence, task_name, lang) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                t.sessionId(),
                t.direction().name(),
                t.at().toEpochMilli(),
                truncate(t.text(), 100_000),
                truncate(t.digits(), 100),
                t.confidence(),
                truncate(t.taskName(), 400),
                truncate(t.lang(), 16));
    }

    /**
     * Writes a session's SIP messages, events and tasks of one batch as one row of {@code session_batches} (more when
     * one kind's text would pass {@value #ROW_CHARS} characters), each kind in the order given. A message's first line
     * is cut to 2,000 characters, an event's type to 100 and a task's name to 400, as their own columns were.
     */
    void addBatch(
            Statements s,
            String sessionId,
            List<SipMessageRecord> messages,
            List<ConversationEvent> events,
            List<String> tasks)
            throws SQLException {
        BatchRow row = new BatchRow(s, sessionId);
        for (SipMessageRecord m : messages) {
            StringBuilder b = row.next(BatchRow.MESSAGES);
            JsonText.sipMessage(
                    b, m.at().toEpochMilli(), m.direction().name(), truncate(m.firstLine(), 2000), m.headers());
            row.added();
        }
        for (ConversationEvent e : events) {
            JsonText.event(row.next(BatchRow.EVENTS), e.at().toEpochMilli(), truncate(e.type(), 100), e.attributes());
            row.added();
        }
        for (String task : tasks) {
            JsonText.string(row.next(BatchRow.TASKS), truncate(task, 400));
            row.added();
        }
        row.insert();
    }

    /**
     * The JSON arrays of one row of {@code session_batches} being filled, each element written straight into its
     * array: {@link #next} opens an element, {@link #added} closes it, and moves it to a new row when it took its
     * array past {@value #ROW_CHARS} characters.
     */
    private static final class BatchRow {
        static final int MESSAGES = 0;
        static final int EVENTS = 1;
        static final int TASKS = 2;

        private final Statements statements;
        private final String sessionId;
        private final StringBuilder[] arrays = new StringBuilder[3];
        /** The kind of the element {@link #next} opened, and where it starts in its array. */
        private int kind;

        private int start;

        BatchRow(Statements statements, String sessionId) {
            this.statements = statements;
            this.sessionId = sessionId;
        }

        StringBuilder next(int kind) {
            this.kind = kind;
            StringBuilder a = arrays[kind];
            if (a == null) {
                a = arrays[kind] = new StringBuilder(kind == MESSAGES ? 8192 : 256).append('[');
            } else {
                a.append(',');
            }
            start = a.length();
            return a;
        }

        void added() throws SQLException {
            StringBuilder a = arrays[kind];
            if (a.length() + 1 > ROW_CHARS && start > 1) {
                String element = a.substring(start);
                a.setLength(start - 1);
                insert();
                next(kind).append(element);
            }
        }

        void insert() throws SQLException {
            if (arrays[MESSAGES] == null && arrays[EVENTS] == null && arrays[TASKS] == null) {
                return;
            }
            statements.update(
                    "INSERT INTO session_batches (session_id, messages, events, tasks) VALUES (?, ?, ?, ?)",
                    sessionId,
                    array(MESSAGES),
                    array(EVENTS),
                    array(TASKS));
            Arrays.fill(arrays, null);
        }

        private String array(int kind) {
            return arrays[kind] == null ? null : arrays[kind].append(']').toString();
        }
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

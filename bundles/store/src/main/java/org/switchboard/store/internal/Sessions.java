package org.switchboard.store.internal;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.health.HealthContributor;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/**
 * The conversation store on the session tables: one row per call, and its turns, events, SIP messages, task path and
 * summary. Every write is committed when the method returns, or journalled on disk while the database is unreachable
 * and written from the journal when it is back (see {@link DurableWrites}).
 */
@Component(service = {ConversationStore.class, HealthContributor.class})
public final class Sessions implements ConversationStore, HealthContributor {

    private static final Gson GSON = new Gson();
    private static final Type ATTRIBUTES = new TypeToken<Map<String, String>>() {}.getType();
    private static final Type HEADERS = new TypeToken<Map<String, List<String>>>() {}.getType();
    private static final String COLUMNS = SessionWrites.COLUMNS + ", node_id, sip_headers";
    private static final Type SIP_HEADERS = new TypeToken<java.util.LinkedHashMap<String, String>>() {}.getType();

    private final Jdbc jdbc;
    private final DurableWrites writes;

    /** The end reason of the sessions a node left open, closed when it starts again. */
    static final String NODE_RESTARTED = "node restarted";

    @Activate
    public Sessions(@Reference Database database) {
        this(database, Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    /**
     * Opens the session tables and closes, in order after whatever the journal still holds, every session this node
     * started before {@code processStart} and never ended: no call of this process can be among them.
     */
    Sessions(Database database, Instant processStart) {
        this.jdbc = database.jdbc();
        this.writes = new DurableWrites(
                new SessionWrites(jdbc, database.nodeId(), database.writesThrough()), database.openJournal());
        writes.write(Recorded.abandoned(processStart, Instant.now(), NODE_RESTARTED));
    }

    @Override
    public List<String> degraded() {
        String d = writes.degraded();
        return d == null ? List.of() : List.of(d);
    }

    @Deactivate
    void close() {
        writes.close();
    }

    /** The records of the {@link #batch} running on this thread, if one is. */
    private final ThreadLocal<List<Recorded>> batching = new ThreadLocal<>();

    private void write(Recorded r) {
        List<Recorded> b = batching.get();
        if (b != null) {
            b.add(r);
        } else {
            writes.write(r);
        }
    }

    @Override
    public void batch(Consumer<ConversationStore> work) {
        if (batching.get() != null) {
            work.accept(this);
            return;
        }
        List<Recorded> b = new ArrayList<>();
        batching.set(b);
        try {
            work.accept(this);
        } finally {
            batching.remove();
            writes.writeAll(b);
        }
    }

    @Override
    public void start(Conversation c) {
        write(Recorded.start(c));
    }

    @Override
    public void answered(String sessionId, Instant at) {
        write(Recorded.answered(sessionId, at));
    }

    @Override
    public void handedOff(String sessionId, Instant at) {
        write(Recorded.handedOff(sessionId, at));
    }

    @Override
    public void end(String sessionId, Instant at, EndedBy endedBy, String reason) {
        write(Recorded.end(sessionId, at, endedBy, reason));
    }

    @Override
    public void addTurn(Turn t) {
        write(Recorded.turn(t));
    }

    @Override
    public void addEvent(ConversationEvent e) {
        write(Recorded.event(e));
    }

    @Override
    public void addSipMessage(SipMessageRecord m) {
        write(Recorded.sipMessage(m));
    }

    @Override
    public void addTask(String sessionId, String taskName) {
        write(Recorded.task(sessionId, taskName));
    }

    @Override
    public Optional<Conversation> bySessionId(String sessionId) {
        return jdbc.query(
                "read session", c -> one(c, "SELECT " + COLUMNS + " FROM sessions WHERE session_id = ?", sessionId));
    }

    @Override
    public Optional<Conversation> byCallId(String callId) {
        return jdbc.query(
                "read session by Call-ID",
                c -> one(
                        c,
                        "SELECT " + COLUMNS + " FROM sessions WHERE call_id = ? ORDER BY started_at DESC LIMIT 1",
                        callId));
    }

    private static Optional<Conversation> one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(conversation(c, r)) : Optional.empty();
            }
        }
    }

    private static Conversation conversation(Connection c, ResultSet r) throws SQLException {
        String id = r.getString(1);
        String endedBy = r.getString(11);
        return new Conversation(
                id,
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                Instant.ofEpochMilli(r.getLong(7)),
                instant(r, 8),
                instant(r, 9),
                instant(r, 10),
                endedBy == null ? null : EndedBy.valueOf(endedBy),
                r.getString(12),
                tasks(c, id),
                r.getString(13),
                sipHeaders(r.getString(14)));
    }

    private static Map<String, String> sipHeaders(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> h = GSON.fromJson(json, SIP_HEADERS);
            return h == null ? Map.of() : h;
        } catch (RuntimeException e) {
            return Map.of(); // written by this class only; a damaged value loses the headers, not the conversation
        }
    }

    private static List<String> tasks(Connection c, String sessionId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p =
                c.prepareStatement("SELECT name FROM session_tasks WHERE session_id = ? ORDER BY id")) {
            p.setString(1, sessionId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        batched(c, "tasks", sessionId, e -> out.add(e.getAsString()));
        return out;
    }

    /**
     * Each element of the session's {@code column} arrays in {@code session_batches} ({@code messages}, {@code events}
     * or {@code tasks}), row by row in the order written.
     */
    private static void batched(Connection c, String column, String sessionId, Consumer<JsonElement> each)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + column + " FROM session_batches WHERE session_id = ? "
                + "AND " + column + " IS NOT NULL ORDER BY id")) {
            p.setString(1, sessionId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    for (JsonElement e : JsonParser.parseString(r.getString(1)).getAsJsonArray()) {
                        each.accept(e);
                    }
                }
            }
        }
    }

    @Override
    public List<Turn> turns(String sessionId, int skip, int limit) {
        return jdbc.query("read turns", c -> {
            List<Turn> out = new ArrayList<>();
            try (PreparedStatement p =
                    c.prepareStatement("SELECT direction, at, text, digits, confidence, task_name, lang "
                            + "FROM session_turns WHERE session_id = ? ORDER BY id LIMIT ? OFFSET ?")) {
                p.setString(1, sessionId);
                p.setInt(2, Math.max(0, limit));
                p.setInt(3, Math.max(0, skip));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Turn(
                                sessionId,
                                Direction.valueOf(r.getString(1)),
                                Instant.ofEpochMilli(r.getLong(2)),
                                r.getString(3),
                                r.getString(4),
                                r.getDouble(5),
                                r.getString(6),
                                r.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<ConversationEvent> events(String sessionId) {
        return jdbc.query("read events", c -> {
            List<ConversationEvent> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT at, type, attributes FROM session_events WHERE session_id = ? ORDER BY id")) {
                p.setString(1, sessionId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new ConversationEvent(
                                sessionId,
                                Instant.ofEpochMilli(r.getLong(1)),
                                r.getString(2),
                                GSON.fromJson(r.getString(3), ATTRIBUTES)));
                    }
                }
            }
            batched(c, "events", sessionId, e -> {
                JsonObject o = e.getAsJsonObject();
                out.add(new ConversationEvent(
                        sessionId,
                        Instant.ofEpochMilli(o.get("at").getAsLong()),
                        o.get("type").getAsString(),
                        GSON.fromJson(o.get("attributes"), ATTRIBUTES)));
            });
            return out;
        });
    }

    /** The session's SIP messages: those written a row each (before the batches), then those written in batches. */
    @Override
    public List<SipMessageRecord> sipMessages(String sessionId) {
        return jdbc.query("read SIP messages", c -> {
            List<SipMessageRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT at, direction, first_line, headers "
                    + "FROM session_sip_messages WHERE session_id = ? ORDER BY id")) {
                p.setString(1, sessionId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new SipMessageRecord(
                                sessionId,
                                Instant.ofEpochMilli(r.getLong(1)),
                                Direction.valueOf(r.getString(2)),
                                r.getString(3),
                                GSON.fromJson(r.getString(4), HEADERS)));
                    }
                }
            }
            batched(c, "messages", sessionId, e -> {
                JsonObject m = e.getAsJsonObject();
                out.add(new SipMessageRecord(
                        sessionId,
                        Instant.ofEpochMilli(m.get("at").getAsLong()),
                        Direction.valueOf(m.get("direction").getAsString()),
                        m.get("firstLine").getAsString(),
                        GSON.fromJson(m.get("headers"), HEADERS)));
            });
            return out;
        });
    }

    @Override
    public List<Conversation> find(ConversationQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sessions s WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND started_at >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND started_at < ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.botId() != null) {
            sql.append(" AND bot_id = ?");
            args.add(q.botId());
        }
        if (q.did() != null) {
            sql.append(" AND did = ?");
            args.add(q.did());
        }
        if (q.endedBy() != null) {
            sql.append(" AND ended_by = ?");
            args.add(q.endedBy().name());
        }
        if (q.text() != null && !q.text().isBlank()) {
            sql.append(" AND EXISTS (SELECT 1 FROM session_turns t WHERE t.session_id = s.session_id"
                    + " AND LOWER(t.text) LIKE ? ESCAPE '!')");
            args.add("%" + likeEscape(q.text().toLowerCase(Locale.ROOT)) + "%");
        }
        sql.append(" ORDER BY started_at DESC, session_id LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.skip());
        return jdbc.query("find sessions", c -> {
            List<Conversation> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                Jdbc.bind(p, args.toArray());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(conversation(c, r));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Summary> summary(String sessionId) {
        return jdbc.query("read summary", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT summary, lang, summarizer, created_at, basis FROM session_summaries WHERE session_id = ?")) {
                p.setString(1, sessionId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next()
                            ? Optional.of(new Summary(
                                    sessionId,
                                    r.getString(1),
                                    r.getString(2),
                                    r.getString(3),
                                    Instant.ofEpochMilli(r.getLong(4)),
                                    r.getString(5)))
                            : Optional.<Summary>empty();
                }
            }
        });
    }

    @Override
    public void saveSummary(Summary s) {
        jdbc.transaction("save summary", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM session_summaries WHERE session_id = ?")) {
                p.setString(1, s.sessionId());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO session_summaries (session_id, summary, lang, "
                    + "summarizer, created_at, basis) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, s.sessionId());
                p.setString(2, s.text());
                p.setString(3, s.lang());
                p.setString(4, s.summarizer());
                p.setLong(5, s.createdAt().toEpochMilli());
                p.setString(6, s.basis());
                return p.executeUpdate();
            }
        });
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}

package org.switchboard.store.internal;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/**
 * One conversation write, applied to the database or kept as one line of JSON in the journal. Times are epoch
 * milliseconds; every field is written by name so that a journal survives an upgrade of the store bundle.
 */
final class Recorded {

    private static final Gson GSON = new Gson();
    private static final Type ATTRIBUTES = new TypeToken<Map<String, String>>() {}.getType();
    private static final Type HEADERS = new TypeToken<Map<String, List<String>>>() {}.getType();

    private final String op;
    private final String sessionId;
    private final Supplier<JsonObject> json;
    private final Apply apply;
    private final Conversation started;
    private final UnaryOperator<Conversation> fold;
    private SipMessageRecord sip;
    private ConversationEvent event;
    private String task;

    private interface Apply {
        void to(SessionWrites w, SessionWrites.Statements s) throws java.sql.SQLException;
    }

    /**
     * {@code json} makes the journal's line, only when the record is journalled. {@code started}: the conversation
     * a start record inserts; {@code fold}: what an answered, handed-off or end record does to the row, applied to a
     * conversation not yet inserted (see {@link BatchFold}).
     */
    private Recorded(
            String op,
            String sessionId,
            Supplier<JsonObject> json,
            Apply apply,
            Conversation started,
            UnaryOperator<Conversation> fold) {
        this.op = op;
        this.sessionId = sessionId;
        this.json = json;
        this.apply = apply;
        this.started = started;
        this.fold = fold;
    }

    private Recorded(String op, String sessionId, Supplier<JsonObject> json, Apply apply) {
        this(op, sessionId, json, apply, null, null);
    }

    void applyTo(SessionWrites w, SessionWrites.Statements s) throws java.sql.SQLException {
        apply.to(w, s);
    }

    String op() {
        return op;
    }

    /** The session the record belongs to; null for one about many sessions. */
    String sessionId() {
        return sessionId;
    }

    /** The conversation a start record inserts; null for any other record. */
    Conversation started() {
        return started;
    }

    /** True for a SIP message, event or task record: written to {@code session_batches} (see {@link SessionBatches}). */
    boolean batched() {
        return sip != null || event != null || task != null;
    }

    /** This record's change to a conversation not yet inserted; null when it changes no column of {@code sessions}. */
    UnaryOperator<Conversation> fold() {
        return fold;
    }

    /** A start record for {@code c}, which already holds the changes of {@code folded}, applied if it was not new. */
    static Recorded startFolded(Conversation c, List<Recorded> folded) {
        Apply apply = (w, s) -> {
            if (!w.start(s, c)) {
                for (Recorded r : folded) {
                    r.applyTo(w, s);
                }
            }
        };
        return new Recorded("start", c.sessionId(), () -> startJson(c), apply, c, null);
    }

    String toLine() {
        JsonObject o = json.get();
        o.addProperty("op", op);
        return GSON.toJson(o);
    }

    private static Map<String, String> stringMap(JsonObject o, String name) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (o.has(name) && o.get(name).isJsonObject()) {
            o.getAsJsonObject(name)
                    .entrySet()
                    .forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        }
        return m;
    }

    static Recorded start(Conversation c) {
        return new Recorded("start", c.sessionId(), () -> startJson(c), (w, s) -> w.start(s, c), c, null);
    }

    private static JsonObject startJson(Conversation c) {
        JsonObject o = new JsonObject();
        o.addProperty("sessionId", c.sessionId());
        o.addProperty("callId", c.callId());
        o.addProperty("botId", c.botId());
        o.addProperty("trunkId", c.trunkId());
        o.addProperty("did", c.did());
        o.addProperty("caller", c.caller());
        o.addProperty("startedAt", c.startedAt().toEpochMilli());
        o.addProperty("answeredAt", millis(c.answeredAt()));
        o.addProperty("handoffAt", millis(c.handoffAt()));
        o.addProperty("endedAt", millis(c.endedAt()));
        o.addProperty("endedBy", c.endedBy() == null ? null : c.endedBy().name());
        o.addProperty("endReason", c.endReason());
        JsonArray tasks = new JsonArray();
        c.taskPath().forEach(tasks::add);
        o.add("taskPath", tasks);
        if (!c.sipHeaders().isEmpty()) {
            JsonObject headers = new JsonObject();
            c.sipHeaders().forEach(headers::addProperty);
            o.add("sipHeaders", headers);
        }
        return o;
    }

    static Recorded answered(String sessionId, Instant at) {
        return new Recorded(
                "answered",
                sessionId,
                () -> time(sessionId, at),
                (w, s) -> w.answered(s, sessionId, at),
                null,
                c -> SessionWrites.afterAnswered(c, at));
    }

    static Recorded handedOff(String sessionId, Instant at) {
        return new Recorded(
                "handedOff",
                sessionId,
                () -> time(sessionId, at),
                (w, s) -> w.handedOff(s, sessionId, at),
                null,
                c -> SessionWrites.afterHandedOff(c, at));
    }

    static Recorded end(String sessionId, Instant at, EndedBy by, String reason) {
        return new Recorded(
                "end",
                sessionId,
                () -> {
                    JsonObject o = time(sessionId, at);
                    o.addProperty("endedBy", by.name());
                    o.addProperty("reason", reason);
                    return o;
                },
                (w, s) -> w.end(s, sessionId, at, by, reason),
                null,
                c -> SessionWrites.afterEnd(c, at, by, reason));
    }

    static Recorded turn(Turn t) {
        return new Recorded(
                "turn",
                t.sessionId(),
                () -> {
                    JsonObject o = time(t.sessionId(), t.at());
                    o.addProperty("direction", t.direction().name());
                    o.addProperty("text", t.text());
                    o.addProperty("digits", t.digits());
                    o.addProperty("confidence", t.confidence());
                    o.addProperty("taskName", t.taskName());
                    o.addProperty("lang", t.lang());
                    return o;
                },
                (w, s) -> w.addTurn(s, t));
    }

    static Recorded event(ConversationEvent e) {
        Recorded r = new Recorded(
                "event",
                e.sessionId(),
                () -> {
                    JsonObject o = time(e.sessionId(), e.at());
                    o.addProperty("type", e.type());
                    o.add("attributes", GSON.toJsonTree(e.attributes(), ATTRIBUTES));
                    return o;
                },
                (w, s) -> w.addBatch(s, e.sessionId(), List.of(), List.of(e), List.of()));
        r.event = e;
        return r;
    }

    static Recorded sipMessage(SipMessageRecord m) {
        Recorded r = new Recorded(
                "sip",
                m.sessionId(),
                () -> {
                    JsonObject o = time(m.sessionId(), m.at());
                    o.addProperty("direction", m.direction().name());
                    o.addProperty("firstLine", m.firstLine());
                    o.add("headers", GSON.toJsonTree(m.headers(), HEADERS));
                    return o;
                },
                (w, s) -> w.addBatch(s, m.sessionId(), List.of(m), List.of(), List.of()));
        r.sip = m;
        return r;
    }

    /**
     * The SIP messages, events and tasks of {@code records} (batched records of one session, in order) written as one
     * row.
     */
    static Recorded batch(String sessionId, List<Recorded> records) {
        List<SipMessageRecord> messages = new ArrayList<>(records.size());
        List<ConversationEvent> events = new ArrayList<>(2);
        List<String> tasks = new ArrayList<>(2);
        for (Recorded r : records) {
            if (r.sip != null) {
                messages.add(r.sip);
            } else if (r.event != null) {
                events.add(r.event);
            } else {
                tasks.add(r.task);
            }
        }
        return new Recorded(
                "batch",
                sessionId,
                () -> {
                    throw new IllegalStateException("a session's batch is journalled record by record");
                },
                (w, s) -> w.addBatch(s, sessionId, messages, events, tasks));
    }

    static Recorded task(String sessionId, String name) {
        Recorded r = new Recorded(
                "task",
                sessionId,
                () -> {
                    JsonObject o = new JsonObject();
                    o.addProperty("sessionId", sessionId);
                    o.addProperty("name", name);
                    return o;
                },
                (w, s) -> w.addBatch(s, sessionId, List.of(), List.of(), List.of(name)));
        r.task = java.util.Objects.requireNonNull(name, "task name");
        return r;
    }

    /** Closes the sessions this node left open before {@code before} (see {@link SessionWrites#closeAbandoned}). */
    static Recorded abandoned(Instant before, Instant at, String reason) {
        return new Recorded(
                "abandoned",
                null,
                () -> {
                    JsonObject o = new JsonObject();
                    o.addProperty("before", before.toEpochMilli());
                    o.addProperty("at", at.toEpochMilli());
                    o.addProperty("reason", reason);
                    return o;
                },
                (w, s) -> w.closeAbandoned(s, before, at, reason));
    }

    /** Reads a journal line back; an unreadable line is an {@link IllegalArgumentException} saying why. */
    static Recorded parse(String line) {
        JsonObject o;
        try {
            o = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        String op = str(o, "op");
        String id = str(o, "sessionId");
        try {
            return switch (op == null ? "" : op) {
                case "start" ->
                    start(new Conversation(
                            id,
                            str(o, "callId"),
                            str(o, "botId"),
                            str(o, "trunkId"),
                            str(o, "did"),
                            str(o, "caller"),
                            instant(o, "startedAt"),
                            instant(o, "answeredAt"),
                            instant(o, "handoffAt"),
                            instant(o, "endedAt"),
                            endedBy(str(o, "endedBy")),
                            str(o, "endReason"),
                            strings(o.getAsJsonArray("taskPath")),
                            null,
                            stringMap(o, "sipHeaders")));
                case "answered" -> answered(id, instant(o, "at"));
                case "handedOff" -> handedOff(id, instant(o, "at"));
                case "end" -> end(id, instant(o, "at"), EndedBy.valueOf(str(o, "endedBy")), str(o, "reason"));
                case "turn" ->
                    turn(new Turn(
                            id,
                            Direction.valueOf(str(o, "direction")),
                            instant(o, "at"),
                            str(o, "text"),
                            str(o, "digits"),
                            o.get("confidence").getAsDouble(),
                            str(o, "taskName"),
                            str(o, "lang")));
                case "event" ->
                    event(new ConversationEvent(
                            id, instant(o, "at"), str(o, "type"), GSON.fromJson(o.get("attributes"), ATTRIBUTES)));
                case "sip" ->
                    sipMessage(new SipMessageRecord(
                            id,
                            instant(o, "at"),
                            Direction.valueOf(str(o, "direction")),
                            str(o, "firstLine"),
                            GSON.fromJson(o.get("headers"), HEADERS)));
                case "task" -> task(id, str(o, "name"));
                case "abandoned" -> abandoned(instant(o, "before"), instant(o, "at"), str(o, "reason"));
                default -> throw new IllegalArgumentException("unknown op '" + op + "'");
            };
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad '" + op + "' entry: " + e, e);
        }
    }

    private static JsonObject time(String sessionId, Instant at) {
        JsonObject o = new JsonObject();
        o.addProperty("sessionId", sessionId);
        o.addProperty("at", at.toEpochMilli());
        return o;
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Instant instant(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : Instant.ofEpochMilli(e.getAsLong());
    }

    private static EndedBy endedBy(String name) {
        return name == null ? null : EndedBy.valueOf(name);
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(e -> out.add(e.getAsString()));
        }
        return out;
    }
}

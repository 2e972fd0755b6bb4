package org.switchboard.summary.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;
import org.switchboard.util.conversation.AnswerLatencies;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * Kore's response shapes, field for field: {@code conversationInfo}, {@code conversationFlow},
 * {@code conversationHistory[]} and {@code summary{ConversationSummary, time}}. Fields Kore does not have are only
 * ever added (e.g. {@code moreAvailable}, {@code conversationInfo.endedBy}), never renamed. Where Kore's sample has a
 * string, the value is a string, as in Kore's: {@code currentTask} is {@code "null"} when no task runs. Ids Kore
 * gives messages and components ({@code ms-}, {@code cp-}) are derived from the session and position, so the same
 * message has the same id on every request.
 */
final class ConversationJson {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ConversationJson() {}

    static String time(Instant i) {
        return i == null ? null : TIME.format(i);
    }

    /** Kore's channel name for calls through its voice gateway. */
    static final String CHANNEL = "korevg";

    /** What Kore's sample answers for a conversation with no task running. */
    static final String NO_TASK = "null";

    /** A stable user id per bot and caller number, the same on every request. */
    static String userId(Conversation c) {
        String key = c.botId() + "|" + (c.caller() == null ? c.sessionId() : c.caller());
        return "u-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject info(Conversation c) {
        JsonObject o = new JsonObject();
        o.addProperty("userId", userId(c));
        o.addProperty("callId", c.callId());
        o.addProperty("sessionId", c.sessionId());
        o.addProperty("sessionStartTime", time(c.startedAt()));
        o.addProperty("agentHandOffTime", time(c.handoffAt()));
        JsonObject user = new JsonObject();
        user.addProperty("firstName", "");
        user.addProperty("lastName", "");
        user.addProperty("phoneNumber", c.caller() == null ? "" : c.caller());
        o.add("userDetails", user);
        List<String> tasks = c.taskPath();
        if (c.isActive() && !tasks.isEmpty()) {
            o.addProperty("currentTask", tasks.get(tasks.size() - 1));
        } else {
            o.addProperty("currentTask", NO_TASK);
        }
        o.addProperty("botId", c.botId());
        o.addProperty("dialedNumber", c.did());
        o.addProperty("sessionEndTime", time(c.endedAt()));
        o.addProperty("endedBy", c.endedBy() == null ? null : c.endedBy().name().toLowerCase(Locale.ROOT));
        o.addProperty("endReason", c.endReason());
        JsonObject headers = new JsonObject();
        c.sipHeaders().forEach(headers::addProperty);
        o.add("sipHeaders", headers);
        return o;
    }

    /** The tasks in the order visited, a task repeated back to back shown once. */
    static JsonArray flow(Conversation c) {
        JsonArray a = new JsonArray();
        List<String> tasks = c.taskPath();
        for (int i = 0; i < tasks.size(); i++) {
            if (i > 0 && tasks.get(i).equals(tasks.get(i - 1))) {
                continue;
            }
            boolean last = i == tasks.size() - 1;
            JsonObject t = new JsonObject();
            t.addProperty("status", c.isActive() && last ? "activeTask" : "completedTask");
            t.addProperty("messageStoreId", id("ms", c.sessionId() + "/task/" + i));
            t.addProperty("taskName", tasks.get(i));
            a.add(t);
        }
        return a;
    }

    /**
     * Kore's history items for {@code turns}, the page that starts at position {@code skip} of the conversation:
     * incoming ones {@code received}, outgoing ones {@code pending} (Kore's value for prompts on a voice channel).
     */
    static JsonArray history(Conversation c, List<Turn> turns, int skip) {
        return history(c, turns, skip, Map.of());
    }

    /**
     * {@link #history(Conversation, List, int)} with each answer's latency ({@link AnswerLatencies}, by position in the
     * conversation) as the extra field {@code latency} of its item: the caller's turn's {@code endpoint} and
     * {@code totalMs}, {@code recognitionMs}, {@code assistantMs}, {@code synthesisMs}, {@code playoutMs}.
     */
    static JsonArray history(Conversation c, List<Turn> turns, int skip, Map<Integer, Map<String, String>> latencies) {
        JsonArray a = new JsonArray();
        String user = userId(c);
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            String key = c.sessionId() + "/" + (skip + i);
            JsonObject o = new JsonObject();
            o.addProperty("_id", id("ms", key));
            JsonArray channels = new JsonArray();
            JsonObject voice = new JsonObject();
            voice.addProperty("type", CHANNEL);
            channels.add(voice);
            o.add("channels", channels);
            boolean incoming = t.direction() == Direction.INCOMING;
            o.addProperty("type", incoming ? "incoming" : "outgoing");
            o.addProperty("status", incoming ? "received" : "pending");
            o.addProperty("createdOn", time(t.at()));
            o.addProperty("lmodifiedOn", time(t.at()));
            o.addProperty("createdBy", user);
            o.addProperty("lmodifiedBy", user);
            JsonObject data = new JsonObject();
            data.addProperty(
                    "text",
                    t.text() != null ? t.text().replace("[unk]", " ").trim().replaceAll("\\s+", " ") : t.digits());
            JsonObject component = new JsonObject();
            component.addProperty("_id", id("cp", key));
            component.addProperty("cT", "text");
            component.add("data", data);
            component.add("thumbnails", new JsonArray());
            JsonArray components = new JsonArray();
            components.add(component);
            o.add("components", components);
            o.addProperty("tN", t.taskName() == null ? "" : t.taskName());
            o.addProperty("lang", t.lang() == null ? "en" : t.lang());
            o.addProperty("timestampValue", t.at().toEpochMilli());
            o.addProperty("isBB", 0);
            o.addProperty("sT", 0);
            o.addProperty("iv", ""); // Kore's encryption-at-rest IV: Switchboard's payloads are not encrypted
            o.addProperty("ire", false);
            o.addProperty("sessionId", c.sessionId());
            Map<String, String> latency = latencies.get(skip + i);
            if (latency != null) {
                o.add("latency", latency(latency));
            }
            a.add(o);
        }
        return a;
    }

    /** The {@code latency} field: numbers for the stages, the endpoint as text. */
    static JsonObject latency(Map<String, String> attributes) {
        JsonObject o = new JsonObject();
        String endpoint = attributes.get("endpoint");
        if (endpoint != null) {
            o.addProperty("endpoint", endpoint);
        }
        for (String k : AnswerLatencies.MILLIS) {
            String v = attributes.get(k);
            if (v != null && v.matches("\\d{1,9}")) {
                o.addProperty(k, Long.parseLong(v));
            }
        }
        return o;
    }

    private static String id(String prefix, String key) {
        return prefix + "-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject summary(Summary s) {
        JsonObject o = new JsonObject();
        o.addProperty("ConversationSummary", s.text());
        o.addProperty("time", time(s.createdAt()));
        o.addProperty("lang", s.lang());
        o.addProperty("summarizer", s.summarizer());
        return o;
    }

    /** What a summary request gets for a bot with summaries turned off. */
    static JsonObject summaryDisabled() {
        JsonObject o = new JsonObject();
        o.addProperty("ConversationSummary", "");
        o.add("time", JsonNull.INSTANCE);
        o.addProperty("status", "disabled");
        return o;
    }

    /** Kore's error code for a request whose credentials fail, answered with HTTP 401. */
    static final int INVALID_CREDENTIALS = 4002;

    /** Kore's error shape, {@code {"errors": [{"msg", "code"}]}}: the code is the HTTP status but for 401. */
    static JsonObject errors(int status, String msg) {
        JsonObject e = new JsonObject();
        e.addProperty("msg", msg);
        e.addProperty("code", status == 401 ? INVALID_CREDENTIALS : status);
        JsonArray a = new JsonArray();
        a.add(e);
        JsonObject o = new JsonObject();
        o.add("errors", a);
        return o;
    }
}

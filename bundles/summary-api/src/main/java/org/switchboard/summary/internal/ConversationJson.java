package org.switchboard.summary.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * Kore's response shapes, field for field: {@code conversationInfo}, {@code conversationFlow},
 * {@code conversationHistory[]} and {@code summary{ConversationSummary, time}}. Fields Kore does not have are only
 * ever added (e.g. {@code moreAvailable}, {@code conversationInfo.endedBy}), never renamed.
 */
final class ConversationJson {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ConversationJson() {
    }

    static String time(Instant i) {
        return i == null ? null : TIME.format(i);
    }

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
            o.add("currentTask", JsonNull.INSTANCE);
        }
        o.addProperty("botId", c.botId());
        o.addProperty("dialedNumber", c.did());
        o.addProperty("sessionEndTime", time(c.endedAt()));
        o.addProperty("endedBy", c.endedBy() == null ? null : c.endedBy().name().toLowerCase(Locale.ROOT));
        o.addProperty("endReason", c.endReason());
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
            t.addProperty("taskName", tasks.get(i));
            a.add(t);
        }
        return a;
    }

    static JsonArray history(List<Turn> turns) {
        JsonArray a = new JsonArray();
        for (Turn t : turns) {
            JsonObject o = new JsonObject();
            o.addProperty("type", t.direction() == Direction.INCOMING ? "incoming" : "outgoing");
            o.addProperty("createdOn", time(t.at()));
            o.addProperty("timestampValue", t.at().toEpochMilli());
            JsonObject data = new JsonObject();
            data.addProperty("text", t.text() != null ? t.text() : t.digits());
            JsonObject component = new JsonObject();
            component.addProperty("cT", "text");
            component.add("data", data);
            JsonArray components = new JsonArray();
            components.add(component);
            o.add("components", components);
            o.addProperty("tN", t.taskName());
            JsonArray channels = new JsonArray();
            JsonObject voice = new JsonObject();
            voice.addProperty("type", "voice");
            channels.add(voice);
            o.add("channels", channels);
            o.addProperty("lang", t.lang() == null ? "en" : t.lang());
            a.add(o);
        }
        return a;
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

    static JsonObject errors(int status, String msg) {
        JsonObject e = new JsonObject();
        e.addProperty("msg", msg);
        e.addProperty("code", status);
        JsonArray a = new JsonArray();
        a.add(e);
        JsonObject o = new JsonObject();
        o.add("errors", a);
        return o;
    }
}

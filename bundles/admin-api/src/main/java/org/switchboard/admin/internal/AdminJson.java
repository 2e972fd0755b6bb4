package org.switchboard.admin.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The admin API's JSON shapes of the domain records and of its request fields. Times are ISO-8601 UTC. */
final class AdminJson {

    private AdminJson() {}

    static String time(Instant i) {
        return i == null ? null : i.toString();
    }

    static JsonObject bot(Bot b) {
        JsonObject o = new JsonObject();
        o.addProperty("id", b.botId());
        o.addProperty("name", b.name());
        JsonObject summary = new JsonObject();
        summary.addProperty("enabled", b.summaryEnabled());
        summary.addProperty("summarizer", b.summarizer());
        o.add("summary", summary);
        o.addProperty("createdAt", time(b.createdAt()));
        return o;
    }

    static JsonObject app(BotApp a) {
        JsonObject o = new JsonObject();
        o.addProperty("clientId", a.clientId());
        o.addProperty("botId", a.botId());
        o.addProperty("name", a.name());
        o.add("scopes", strings(new TreeSet<>(a.scopes())));
        o.addProperty("enforceJti", a.enforceJti());
        o.addProperty("createdAt", time(a.createdAt()));
        return o;
    }

    static JsonObject conversation(Conversation c) {
        JsonObject o = new JsonObject();
        o.addProperty("sessionId", c.sessionId());
        o.addProperty("callId", c.callId());
        o.addProperty("botId", c.botId());
        o.addProperty("trunkId", c.trunkId());
        o.addProperty("did", c.did());
        o.addProperty("caller", c.caller());
        o.addProperty("startedAt", time(c.startedAt()));
        o.addProperty("answeredAt", time(c.answeredAt()));
        o.addProperty("handoffAt", time(c.handoffAt()));
        o.addProperty("endedAt", time(c.endedAt()));
        o.addProperty("endedBy", c.endedBy() == null ? null : c.endedBy().name().toLowerCase(Locale.ROOT));
        o.addProperty("endReason", c.endReason());
        o.add("taskPath", strings(c.taskPath()));
        o.addProperty("node", c.nodeId());
        JsonObject headers = new JsonObject();
        c.sipHeaders().forEach(headers::addProperty);
        o.add("sipHeaders", headers);
        return o;
    }

    static JsonObject turn(Turn t) {
        JsonObject o = new JsonObject();
        o.addProperty("direction", t.direction().name().toLowerCase(Locale.ROOT));
        o.addProperty("at", time(t.at()));
        o.addProperty("text", t.text());
        o.addProperty("digits", t.digits());
        o.addProperty("confidence", t.confidence());
        o.addProperty("task", t.taskName());
        o.addProperty("lang", t.lang());
        return o;
    }

    static JsonObject event(ConversationEvent e) {
        JsonObject o = new JsonObject();
        o.addProperty("at", time(e.at()));
        o.addProperty("type", e.type());
        JsonObject a = new JsonObject();
        new java.util.TreeMap<>(e.attributes()).forEach(a::addProperty);
        o.add("attributes", a);
        return o;
    }

    static JsonObject sipMessage(SipMessageRecord m) {
        JsonObject o = new JsonObject();
        o.addProperty("at", time(m.at()));
        o.addProperty("direction", m.direction().name().toLowerCase(Locale.ROOT));
        o.addProperty("firstLine", m.firstLine());
        JsonObject h = new JsonObject();
        for (Map.Entry<String, List<String>> e : m.headers().entrySet()) {
            h.add(e.getKey(), strings(e.getValue()));
        }
        o.add("headers", h);
        return o;
    }

    static JsonObject summary(Summary s) {
        JsonObject o = new JsonObject();
        o.addProperty("text", s.text());
        o.addProperty("lang", s.lang());
        o.addProperty("summarizer", s.summarizer());
        o.addProperty("createdAt", time(s.createdAt()));
        return o;
    }

    static JsonArray strings(Iterable<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    static <T> JsonArray list(List<T> items, java.util.function.Function<T, JsonElement> f) {
        JsonArray a = new JsonArray();
        items.forEach(i -> a.add(f.apply(i)));
        return a;
    }

    /** A required non-blank string field of at most {@code max} characters. */
    static String requiredString(JsonObject o, String name, int max) throws AdminException {
        String s = optionalString(o, name, max);
        if (s == null || s.isBlank()) {
            throw AdminException.badRequest("'" + name + "' is required");
        }
        return s.strip();
    }

    static String optionalString(JsonObject o, String name, int max) throws AdminException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw AdminException.badRequest("'" + name + "' must be a string");
        }
        if (e.getAsString().length() > max) {
            throw AdminException.badRequest("'" + name + "' is longer than " + max + " characters");
        }
        return e.getAsString();
    }

    static boolean bool(JsonObject o, String name, boolean fallback) throws AdminException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw AdminException.badRequest("'" + name + "' must be true or false");
        }
        return e.getAsBoolean();
    }

    /** A list of scopes, each one of {@link BotApp#SCOPES}. */
    static Set<String> scopes(JsonObject o) throws AdminException {
        JsonElement e = o.get("scopes");
        if (e == null || e.isJsonNull()) {
            throw AdminException.badRequest("'scopes' is required: a list of " + new TreeSet<>(BotApp.SCOPES));
        }
        if (!e.isJsonArray()) {
            throw AdminException.badRequest("'scopes' must be a list of " + new TreeSet<>(BotApp.SCOPES));
        }
        Set<String> scopes = new TreeSet<>();
        for (JsonElement s : e.getAsJsonArray()) {
            if (!s.isJsonPrimitive() || !BotApp.SCOPES.contains(s.getAsString())) {
                throw AdminException.badRequest("unknown scope " + s + "; scopes are " + new TreeSet<>(BotApp.SCOPES));
            }
            scopes.add(s.getAsString());
        }
        return scopes;
    }
}

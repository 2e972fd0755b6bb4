package org.switchboard.assistant.internal.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/** The webhook turn protocol's JSON (README, "Webhook assistants"): a turn request out, a turn response in. */
final class TurnCodec {

    private static final Gson GSON = new Gson();

    private TurnCodec() {}

    static String request(TurnRequest r, String assistantId) {
        JsonObject o = new JsonObject();
        o.addProperty("sessionId", r.sessionId());
        o.addProperty("botId", r.botId());
        o.addProperty("assistantId", assistantId);
        o.addProperty(
                "event",
                switch (r.event()) {
                    case START -> "start";
                    case UTTERANCE -> "utterance";
                    case DTMF -> "dtmf";
                    case NO_INPUT -> "noInput";
                    case HANGUP -> "hangup";
                    case TRANSFERRED -> "transferred";
                    case TRANSFER_FAILED -> "transferFailed";
                });
        if (r.text() != null) {
            o.addProperty("text", r.text());
            o.addProperty("confidence", r.confidence());
        }
        if (r.digits() != null) {
            o.addProperty("digits", r.digits());
        }
        o.add("context", GSON.toJsonTree(r.context()));
        if (r.session() != null) {
            JsonObject call = new JsonObject();
            call.addProperty("callId", r.session().callId());
            call.addProperty("caller", r.session().caller());
            call.addProperty("did", r.session().did());
            call.addProperty("trunkId", r.session().trunkId());
            call.add("sipHeaders", GSON.toJsonTree(r.session().sipHeaders()));
            o.add("call", call);
        }
        return GSON.toJson(o);
    }

    /** A {@code partial} event: the words heard so far in the caller's turn. */
    static String partial(String sessionId, String assistantId, String text, Map<String, Object> context) {
        JsonObject o = new JsonObject();
        o.addProperty("sessionId", sessionId);
        o.addProperty("assistantId", assistantId);
        o.addProperty("event", "partial");
        o.addProperty("text", text);
        o.add("context", GSON.toJsonTree(context));
        return GSON.toJson(o);
    }

    /** Parses a response; {@link IllegalArgumentException} saying what is wrong when it is not one. */
    static TurnResponse response(String body) {
        JsonElement root;
        try {
            root = JsonParser.parseString(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()
                || !root.getAsJsonObject().has("actions")
                || !root.getAsJsonObject().get("actions").isJsonArray()) {
            throw new IllegalArgumentException("a turn response is an object with an 'actions' list");
        }
        JsonObject o = root.getAsJsonObject();
        JsonArray a = o.getAsJsonArray("actions");
        List<AssistantAction> actions = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            actions.add(action(a.get(i), "actions[" + i + "]"));
        }
        Map<String, Object> context = o.has("context") && o.get("context").isJsonObject()
                ? GSON.fromJson(o.get("context"), new TypeToken<Map<String, Object>>() {}.getType())
                : Map.of();
        String task =
                o.has("task") && o.get("task").isJsonPrimitive() ? o.get("task").getAsString() : null;
        return new TurnResponse(actions, context, task);
    }

    private static AssistantAction action(JsonElement e, String path) {
        if (!e.isJsonObject() || !e.getAsJsonObject().has("type")) {
            throw new IllegalArgumentException(path + ": an action is an object with a type");
        }
        JsonObject o = e.getAsJsonObject();
        String type = o.get("type").getAsString();
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "say" -> new AssistantAction.Say(text(o, "text", path), bool(o, "bargeIn", true));
            case "play" -> new AssistantAction.Play(text(o, "url", path), bool(o, "bargeIn", true));
            case "gather" -> {
                List<String> phrases = new ArrayList<>();
                if (o.has("phrases") && o.get("phrases").isJsonArray()) {
                    o.getAsJsonArray("phrases").forEach(p -> phrases.add(p.getAsString()));
                }
                boolean dtmf = bool(o, "dtmf", true);
                boolean speech = bool(o, "speech", true);
                if (!dtmf && !speech) {
                    throw new IllegalArgumentException(path + ": a gather listens for dtmf, speech or both");
                }
                long timeout = o.has("timeoutMs") ? o.get("timeoutMs").getAsLong() : 5000;
                if (timeout < 500 || timeout > 60_000) {
                    throw new IllegalArgumentException(path + ".timeoutMs: must be 500-60000");
                }
                int maxDigits = o.has("maxDigits") ? o.get("maxDigits").getAsInt() : 1;
                if (maxDigits < 1 || maxDigits > 64) {
                    throw new IllegalArgumentException(path + ".maxDigits: must be 1-64");
                }
                yield new AssistantAction.Gather(dtmf, speech, maxDigits, phrases, Duration.ofMillis(timeout));
            }
            case "transfer" ->
                new AssistantAction.Transfer(
                        o.has("reason") ? o.get("reason").getAsString() : null,
                        o.has("target") && !o.get("target").isJsonNull()
                                ? o.get("target").getAsString()
                                : null,
                        headers(o, path));
            case "hangup" -> new AssistantAction.Hangup(headers(o, path));
            case "setcontext" ->
                new AssistantAction.SetContext(
                        o.has("values") && o.get("values").isJsonObject()
                                ? GSON.fromJson(o.get("values"), new TypeToken<Map<String, Object>>() {}.getType())
                                : Map.of());
            case "end" -> new AssistantAction.End();
            default ->
                throw new IllegalArgumentException(path + ".type: unknown action '" + type
                        + "'; known: say, play, gather, transfer, hangup, setContext, end");
        };
    }

    private static String text(JsonObject o, String name, String path) {
        if (!o.has(name)
                || !o.get(name).isJsonPrimitive()
                || o.get(name).getAsString().isBlank()) {
            throw new IllegalArgumentException(path + "." + name + ": missing");
        }
        return o.get(name).getAsString();
    }

    private static boolean bool(JsonObject o, String name, boolean dflt) {
        return o.has(name) && o.get(name).isJsonPrimitive() ? o.get(name).getAsBoolean() : dflt;
    }

    private static Map<String, String> headers(JsonObject o, String path) {
        Map<String, String> h = new LinkedHashMap<>();
        if (o.has("headers")) {
            if (!o.get("headers").isJsonObject()) {
                throw new IllegalArgumentException(path + ".headers: must map header names to values");
            }
            o.getAsJsonObject("headers")
                    .entrySet()
                    .forEach(e -> h.put(e.getKey(), e.getValue().getAsString()));
        }
        return h;
    }
}

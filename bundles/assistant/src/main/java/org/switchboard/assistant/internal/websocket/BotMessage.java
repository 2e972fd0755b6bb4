package org.switchboard.assistant.internal.websocket;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.assistant.internal.webhook.Fallback;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The bridge's text messages, modelled on jambonz's {@code listen} with bidirectional streaming audio. From the bot:
 * {@code mark} ({@code data.name}), {@code killAudio} or {@code clear}, {@code disconnect} (the flow goes on),
 * and Switchboard's own {@code transfer} ({@code reason}, {@code target}, {@code headers}), {@code hangup}
 * ({@code headers}), {@code transcript} ({@code data.speaker} caller or bot, {@code data.text}) and {@code context}
 * ({@code data}: values to keep). To the bot: {@code mark} ({@code data.name}, {@code data.event} playout or cleared),
 * {@code dtmf}, {@code speech} and {@code error} (a message it sent was ignored).
 */
record BotMessage(
        Kind kind, String name, String text, boolean fromCaller, Map<String, Object> values, AssistantAction action) {

    /** The longest text message a bot may send. */
    static final int MAX_TEXT = 64 * 1024;

    enum Kind {
        MARK,
        CLEAR,
        TRANSCRIPT,
        CONTEXT,
        CLOSING,
        IGNORED
    }

    /**
     * Reads a message from the bot.
     *
     * @throws IllegalArgumentException when it is not a JSON object with a {@code type}, or a field has the wrong type
     */
    static BotMessage parse(String json) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String type = string(o, "type", null);
        if (type == null) {
            throw new IllegalArgumentException("no \"type\"");
        }
        JsonObject data = o.has("data") ? object(o, "data") : new JsonObject();
        return switch (type) {
            case "mark" -> {
                String name = string(data, "name", string(o, "name", null));
                if (name == null || name.isEmpty()) {
                    throw new IllegalArgumentException("mark: no data.name");
                }
                yield of(Kind.MARK, name, null, false, null);
            }
            case "killAudio", "clear" -> of(Kind.CLEAR, null, null, false, null);
            case "disconnect" -> of(Kind.CLOSING, null, null, false, new AssistantAction.End());
            case "hangup" -> of(Kind.CLOSING, null, null, false, new AssistantAction.Hangup(headers(o)));
            case "transfer" ->
                of(
                        Kind.CLOSING,
                        null,
                        null,
                        false,
                        new AssistantAction.Transfer(
                                string(o, "reason", "TransferToAgent"), string(o, "target", null), headers(o)));
            case "transcript" -> {
                String speaker = string(data, "speaker", "caller");
                if (!speaker.equals("caller") && !speaker.equals("bot")) {
                    throw new IllegalArgumentException("transcript: data.speaker must be caller or bot");
                }
                yield of(Kind.TRANSCRIPT, null, string(data, "text", ""), speaker.equals("caller"), null);
            }
            case "context" -> new BotMessage(Kind.CONTEXT, null, null, false, values(data), null);
            default -> of(Kind.IGNORED, null, "unsupported message type '" + type + "' ignored", false, null);
        };
    }

    private static BotMessage of(Kind kind, String name, String text, boolean fromCaller, AssistantAction action) {
        return new BotMessage(kind, name, text, fromCaller, Map.of(), action);
    }

    private static Map<String, String> headers(JsonObject o) {
        if (o.has("headers") && !o.get("headers").isJsonObject()) {
            throw new IllegalArgumentException("headers: must be an object of header names to values");
        }
        return Fallback.stringMap(o, "headers");
    }

    private static Map<String, Object> values(JsonObject data) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var e : data.entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive()) {
                throw new IllegalArgumentException(
                        "context: data." + e.getKey() + " must be text, a number or a boolean");
            }
            var p = v.getAsJsonPrimitive();
            m.put(e.getKey(), p.isBoolean() ? p.getAsBoolean() : p.isNumber() ? p.getAsNumber() : p.getAsString());
        }
        return m;
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonElement v = o.get(name);
        if (!v.isJsonObject()) {
            throw new IllegalArgumentException(name + ": must be an object");
        }
        return v.getAsJsonObject();
    }

    private static String string(JsonObject o, String name, String otherwise) {
        JsonElement v = o.get(name);
        if (v == null || v.isJsonNull()) {
            return otherwise;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(name + ": must be text");
        }
        return v.getAsString();
    }

    static JsonObject markEvent(String name, boolean cleared) {
        JsonObject data = new JsonObject();
        data.addProperty("name", name);
        data.addProperty("event", cleared ? "cleared" : "playout");
        JsonObject o = new JsonObject();
        o.addProperty("type", "mark");
        o.add("data", data);
        return o;
    }

    static JsonObject dtmfEvent(char digit) {
        JsonObject o = new JsonObject();
        o.addProperty("event", "dtmf");
        o.addProperty("dtmf", String.valueOf(digit).toUpperCase(Locale.ROOT));
        return o;
    }

    static JsonObject speechEvent(boolean started) {
        JsonObject o = new JsonObject();
        o.addProperty("event", "speech");
        o.addProperty("started", started);
        return o;
    }

    static JsonObject errorEvent(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("event", "error");
        o.addProperty("message", message);
        return o;
    }
}

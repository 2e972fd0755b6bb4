package org.switchboard.assistant.internal.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.switchboard.assistant.internal.webhook.Definitions;
import org.switchboard.assistant.internal.webhook.Fallback;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A WebSocket bot's definition, checked: {@code url} (ws:// or wss://), {@code sampleRate} (8000 or 16000 Hz L16),
 * {@code headers} for the handshake, {@code connectTimeoutMs}, {@code idleTimeoutMs} (the longest the bot may send
 * nothing; 0: no limit), {@code metadata} (any JSON object, passed in the start message) and the fallback.
 */
record WebSocketSettings(
        URI url,
        int sampleRate,
        Map<String, String> headers,
        Duration connectTimeout,
        Duration idleTimeout,
        JsonObject metadata,
        Fallback fallback) {

    private static final Set<String> FIELDS = fields();

    private static Set<String> fields() {
        Set<String> f = new TreeSet<>(
                Set.of("type", "url", "sampleRate", "headers", "connectTimeoutMs", "idleTimeoutMs", "metadata"));
        f.addAll(Fallback.FIELDS);
        return f;
    }

    static WebSocketSettings parse(String json) {
        JsonObject o = Definitions.object(json, FIELDS);
        URI url = Definitions.url(o, "ws", "wss");
        int rate = (int) number(o, "sampleRate", 8000);
        if (rate != 8000 && rate != 16000) {
            throw new IllegalArgumentException("$.sampleRate: must be 8000 or 16000");
        }
        long connect = number(o, "connectTimeoutMs", 5000);
        if (connect < 100 || connect > 60_000) {
            throw new IllegalArgumentException("$.connectTimeoutMs: must be 100-60000");
        }
        long idle = number(o, "idleTimeoutMs", 60_000);
        if (idle != 0 && (idle < 1000 || idle > 3_600_000)) {
            throw new IllegalArgumentException("$.idleTimeoutMs: must be 0 (no limit) or 1000-3600000");
        }
        JsonElement metadata = o.get("metadata");
        if (metadata != null && !metadata.isJsonObject()) {
            throw new IllegalArgumentException("$.metadata: must be a JSON object");
        }
        return new WebSocketSettings(
                url,
                rate,
                Fallback.stringMap(o, "headers"),
                Duration.ofMillis(connect),
                Duration.ofMillis(idle),
                metadata == null ? new JsonObject() : metadata.getAsJsonObject(),
                Fallback.parse(o));
    }

    private static long number(JsonObject o, String name, long otherwise) {
        JsonElement v = o.get(name);
        if (v == null) {
            return otherwise;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("$." + name + ": must be a number");
        }
        return v.getAsLong();
    }

    /** Never shows header values: they may hold credentials. */
    @Override
    public String toString() {
        return "websocket " + url + " (L16 " + sampleRate + " Hz, headers " + headers.keySet() + ")";
    }
}

package org.switchboard.flow.internal.model;

import java.util.Map;

import com.google.gson.JsonObject;

/**
 * A validated node of a flow.
 *
 * @param id unique within its flow
 * @param type what it does
 * @param settings its settings, checked against the type
 * @param next outcome to node id
 */
public record Node(String id, NodeType type, JsonObject settings, Map<String, String> next) {

    /** A string setting, or {@code fallback}. */
    public String string(String name, String fallback) {
        return settings.has(name) ? settings.get(name).getAsString() : fallback;
    }

    /** An integer setting, or {@code fallback}. */
    /** The node's turn-taking settings; each one absent is the media engine's default. */
    public org.switchboard.api.call.TurnTaking turnTaking() {
        return new org.switchboard.api.call.TurnTaking(
                millis("commitSilenceMs"), millis("endSilenceMs"), millis("resumeWindowMs"));
    }

    private java.time.Duration millis(String name) {
        return settings.has(name)
                ? java.time.Duration.ofMillis(settings.get(name).getAsLong())
                : null;
    }

    public long integer(String name, long fallback) {
        return settings.has(name) ? settings.get(name).getAsLong() : fallback;
    }

    /** A boolean setting, or {@code fallback}. */
    public boolean bool(String name, boolean fallback) {
        return settings.has(name) ? settings.get(name).getAsBoolean() : fallback;
    }

    /** A string-list setting, in document order; empty when absent. */
    public java.util.List<String> strings(String name) {
        java.util.List<String> l = new java.util.ArrayList<>();
        if (settings.has(name)) {
            settings.getAsJsonArray(name).forEach(e -> l.add(e.getAsString()));
        }
        return l;
    }

    /** A string-map setting (e.g. headers), in document order; empty when absent. */
    public Map<String, String> stringMap(String name) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (settings.has(name)) {
            settings.getAsJsonObject(name)
                    .entrySet()
                    .forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        }
        return m;
    }
}

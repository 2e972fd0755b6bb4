package org.switchboard.assistant.internal.jambonz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What a jambonz application's {@code config} verbs set for the rest of the call: the voice of later prompts
 * ({@code synthesizer.voice}, when an installed synthesizer has it), the recognizer's hints for later gathers
 * ({@code recognizer.hints}), and the background gather ({@code bargeIn}) that listens while other verbs run;
 * {@code reset} puts the synthesizer or recognizer back to the application's defaults. It travels in the dialogue's
 * context as JSON, like the verbs left.
 */
final class SessionConfig {

    /** The context key (hidden from the flow's variables). */
    static final String KEY = "_jambonzConfig";

    /** {@code config} properties Switchboard does not carry out: named in the skipped verbs, the call goes on. */
    private static final Set<String> IGNORED = Set.of(
            "amd",
            "actionHookDelayAction",
            "boostAudioSignal",
            "fillerNoise",
            "listen",
            "notifyEvents",
            "onHoldMusic",
            "record",
            "referHook",
            "sipRequestWithinDialogHook",
            "speechFallback",
            "transcribe",
            "vad");

    private final Set<String> voices;
    private String voice;
    private List<String> hints = List.of();
    private JsonObject bargeIn;

    private SessionConfig(Set<String> voices) {
        this.voices = voices;
    }

    /** The config kept in {@code context} (none: the application's defaults); {@code voices} are the installed ones. */
    static SessionConfig from(Map<String, Object> context, Set<String> voices) {
        SessionConfig c = new SessionConfig(voices);
        Object kept = context.get(KEY);
        if (kept != null) {
            JsonObject o = JsonParser.parseString(kept.toString()).getAsJsonObject();
            c.voice = o.has("voice") ? o.get("voice").getAsString() : null;
            List<String> h = new ArrayList<>();
            if (o.has("hints")) {
                o.getAsJsonArray("hints").forEach(e -> h.add(e.getAsString()));
            }
            c.hints = List.copyOf(h);
            c.bargeIn = o.has("bargeIn") ? o.getAsJsonObject("bargeIn") : null;
        }
        return c;
    }

    /** A config with the application's defaults. */
    static SessionConfig defaults(Set<String> voices) {
        return new SessionConfig(voices);
    }

    /** Keeps this config in {@code context} for the next turn. */
    void store(Map<String, Object> context) {
        JsonObject o = new JsonObject();
        if (voice != null) {
            o.addProperty("voice", voice);
        }
        if (!hints.isEmpty()) {
            JsonArray h = new JsonArray();
            hints.forEach(h::add);
            o.add("hints", h);
        }
        if (bargeIn != null) {
            o.add("bargeIn", bargeIn);
        }
        if (o.size() == 0) {
            context.remove(KEY);
        } else {
            context.put(KEY, o.toString());
        }
    }

    /** Applies a {@code config} verb; what it asks that Switchboard does not do goes into {@code skipped}. */
    void apply(JsonObject v, Map<String, String> skipped) {
        if (v.has("reset")) {
            JsonElement r = v.get("reset");
            List<String> what = new ArrayList<>();
            if (r.isJsonArray()) {
                r.getAsJsonArray().forEach(e -> what.add(e.getAsString()));
            } else if (r.isJsonPrimitive()) {
                what.add(r.getAsString());
            } else {
                throw new IllegalArgumentException("verb 'config': reset must name \"synthesizer\" or \"recognizer\"");
            }
            for (String w : what) {
                switch (w) {
                    case "synthesizer" -> voice = null;
                    case "recognizer" -> hints = List.of();
                    default ->
                        throw new IllegalArgumentException(
                                "verb 'config': reset must name \"synthesizer\" or \"recognizer\", not '" + w + "'");
                }
            }
        }
        if (v.has("synthesizer")) {
            String asked = voiceOf(object(v, "synthesizer"), "config", skipped);
            if (asked != null) {
                voice = asked;
            }
        }
        if (v.has("recognizer")) {
            JsonObject r = object(v, "recognizer");
            if (r.has("hints")) {
                hints = strings(r, "hints", "config");
            }
        }
        if (v.has("bargeIn")) {
            JsonObject b = object(v, "bargeIn");
            boolean enable = !b.has("enable") || bool(b, "enable");
            if (enable) {
                if (!b.has("input")) {
                    throw new IllegalArgumentException("verb 'config': bargeIn.input missing");
                }
                JsonObject g = b.deepCopy();
                g.addProperty("verb", "config");
                Verbs.gather(g, List.of()); // checks it now, not when the caller speaks
                Verbs.hook(g, "actionHook", false);
                if (b.has("sticky")) {
                    bool(b, "sticky");
                }
                bargeIn = b.deepCopy();
            } else {
                bargeIn = null;
            }
        }
        for (String name : v.keySet()) {
            if (IGNORED.contains(name)) {
                skipped.put("config." + name, "not supported by Switchboard; ignored");
            }
        }
    }

    /**
     * The voice a verb's own {@code synthesizer} asks for when installed (otherwise noted in {@code skipped}), else
     * this config's, else {@code null} (the flow's).
     */
    String voice(JsonObject verb, Map<String, String> skipped) {
        if (verb.has("synthesizer")) {
            String asked = voiceOf(object(verb, "synthesizer"), verb.get("verb").getAsString(), skipped);
            if (asked != null) {
                return asked;
            }
        }
        return voice;
    }

    /** The hints of gathers that have none of their own. */
    List<String> hints() {
        return hints;
    }

    /** The background gather as a {@code gather} verb (with the hook and {@code sticky}), or {@code null}. */
    JsonObject background() {
        if (bargeIn == null) {
            return null;
        }
        JsonObject g = bargeIn.deepCopy();
        g.addProperty("verb", "config");
        return g;
    }

    /** A background gather heard the caller: it ends unless sticky. */
    void backgroundHeard() {
        if (bargeIn != null && !(bargeIn.has("sticky") && bargeIn.get("sticky").getAsBoolean())) {
            bargeIn = null;
        }
    }

    private String voiceOf(JsonObject synthesizer, String verb, Map<String, String> skipped) {
        if (!synthesizer.has("voice")) {
            return null;
        }
        JsonElement e = synthesizer.get("voice");
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("verb '" + verb + "': synthesizer.voice must be a voice name");
        }
        String name = e.getAsString();
        if (voices.contains(name)) {
            return name;
        }
        skipped.put(
                verb + ".synthesizer.voice",
                "'" + name + "' is not an installed voice; the flow's voice speaks (installed: "
                        + String.join(", ", new java.util.TreeSet<>(voices)) + ")");
        return null;
    }

    private static JsonObject object(JsonObject v, String name) {
        if (!v.get(name).isJsonObject()) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': " + name + " must be an object");
        }
        return v.getAsJsonObject(name);
    }

    private static List<String> strings(JsonObject o, String name, String verb) {
        JsonElement e = o.get(name);
        List<String> out = new ArrayList<>();
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                if (x.isJsonPrimitive()) {
                    out.add(x.getAsString());
                } else if (x.isJsonObject() && x.getAsJsonObject().has("phrase")) {
                    out.add(x.getAsJsonObject().get("phrase").getAsString());
                } else {
                    throw new IllegalArgumentException("verb '" + verb + "': " + name + " must be phrases");
                }
            }
            return List.copyOf(out);
        }
        throw new IllegalArgumentException("verb '" + verb + "': " + name + " must be an array of phrases");
    }

    private static boolean bool(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("verb 'config': bargeIn." + name + " must be true or false");
        }
        return e.getAsBoolean();
    }
}

package org.switchboard.assistant.internal.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads fields of a definition, failing with the JSON path of what is wrong. */
final class Definition {

    private Definition() {}

    static IllegalArgumentException bad(String path, String what) {
        return new IllegalArgumentException(path + ": " + what);
    }

    static void only(JsonObject o, String path, Set<String> known) {
        for (String k : o.keySet()) {
            if (!known.contains(k)) {
                throw bad(
                        path + "." + k,
                        "unknown field; known: "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    static String string(JsonObject o, String name, String path, boolean required) {
        JsonElement v = o.get(name);
        if (v == null || v.isJsonNull()) {
            if (required) {
                throw bad(path + "." + name, "missing");
            }
            return null;
        }
        if (!v.isJsonPrimitive()
                || !v.getAsJsonPrimitive().isString()
                || v.getAsString().isBlank()) {
            throw bad(path + "." + name, "must be a non-empty string");
        }
        return v.getAsString();
    }

    static int integer(JsonObject o, String name, String path, int dflt, int min, int max) {
        JsonElement v = o.get(name);
        if (v == null || v.isJsonNull()) {
            return dflt;
        }
        if (!v.isJsonPrimitive()
                || !v.getAsJsonPrimitive().isNumber()
                || v.getAsDouble() != Math.rint(v.getAsDouble())
                || v.getAsDouble() < min
                || v.getAsDouble() > max) {
            throw bad(path + "." + name, "must be a whole number from " + min + " to " + max);
        }
        return v.getAsInt();
    }

    static List<String> strings(JsonObject o, String name, String path) {
        JsonElement v = o.get(name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isJsonNull()) {
            return out;
        }
        if (!v.isJsonArray()) {
            throw bad(path + "." + name, "must be a list of strings");
        }
        for (int i = 0; i < v.getAsJsonArray().size(); i++) {
            JsonElement e = v.getAsJsonArray().get(i);
            if (!e.isJsonPrimitive()
                    || !e.getAsJsonPrimitive().isString()
                    || e.getAsString().isBlank()) {
                throw bad(path + "." + name + "[" + i + "]", "must be a non-empty string");
            }
            out.add(e.getAsString());
        }
        return out;
    }

    static Map<String, String> stringMap(JsonObject o, String name, String path) {
        JsonElement v = o.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isJsonNull()) {
            return out;
        }
        if (!v.isJsonObject()) {
            throw bad(path + "." + name, "must map names to strings");
        }
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
            if (!e.getValue().isJsonPrimitive()) {
                throw bad(path + "." + name + "." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().getAsString());
        }
        return out;
    }

    static JsonObject object(JsonElement v, String path) {
        if (v == null || !v.isJsonObject()) {
            throw bad(path, "must be a JSON object");
        }
        return v.getAsJsonObject();
    }
}

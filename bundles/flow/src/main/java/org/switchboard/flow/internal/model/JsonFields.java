package org.switchboard.flow.internal.model;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Typed reads of JSON fields that record a {@link Problem} (with its path and node) instead of throwing. */
public final class JsonFields {

    /** Ids of flows, nodes and trunks. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private JsonFields() {}

    public static String string(JsonObject o, String field, String path, String nodeId, List<Problem> problems) {
        JsonElement v = o.get(field);
        if (v == null || v.isJsonNull()) {
            return null;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            problems.add(new Problem(path + "." + field, nodeId, "must be a string"));
            return null;
        }
        return v.getAsString();
    }

    public static String id(JsonObject o, String field, String path, String nodeId, List<Problem> problems) {
        String id = string(o, field, path, nodeId, problems);
        if (id == null) {
            if (!o.has(field)) {
                problems.add(new Problem(path + "." + field, nodeId, "missing"));
            }
            return null;
        }
        if (!id.matches(ID_PATTERN)) {
            problems.add(new Problem(
                    path + "." + field,
                    nodeId,
                    "'" + id + "' is not a valid id (1-64 letters, digits, . _ -, starting with a letter or digit)"));
            return null;
        }
        return id;
    }

    public static boolean bool(JsonObject o, String field, boolean fallback, String path, List<Problem> problems) {
        JsonElement v = o.get(field);
        if (v == null || v.isJsonNull()) {
            return fallback;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
            problems.add(new Problem(path + "." + field, null, "must be true or false"));
            return fallback;
        }
        return v.getAsBoolean();
    }

    public static List<String> strings(JsonObject o, String field, String path, String nodeId, List<Problem> problems) {
        List<String> list = new ArrayList<>();
        JsonElement v = o.get(field);
        if (v == null || v.isJsonNull()) {
            return list;
        }
        if (!v.isJsonArray()) {
            problems.add(new Problem(path + "." + field, nodeId, "must be a list of strings"));
            return list;
        }
        for (int i = 0; i < v.getAsJsonArray().size(); i++) {
            JsonElement e = v.getAsJsonArray().get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                problems.add(new Problem(path + "." + field + "[" + i + "]", nodeId, "must be a string"));
            } else {
                list.add(e.getAsString());
            }
        }
        return list;
    }
}

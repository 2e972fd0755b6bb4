package org.switchboard.assistant.internal.webhook;

import java.net.URI;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Reading an external bot's definition: the object with only known fields, and its endpoint. */
public final class Definitions {

    private Definitions() {}

    /** {@code json} as an object whose fields are all in {@code fields}; says which one is not. */
    public static JsonObject object(String json, Set<String> fields) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("$: not a JSON object");
        }
        for (String k : o.keySet()) {
            if (!fields.contains(k)) {
                throw new IllegalArgumentException("$." + k + ": unknown field; known: "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
        return o;
    }

    /** {@code $.url}: a URL with a host and one of two schemes, e.g. {@code http} and {@code https}. */
    public static URI url(JsonObject o, String scheme, String secureScheme) {
        String schemes = scheme + ":// or " + secureScheme + "://";
        if (!o.has("url") || !o.get("url").isJsonPrimitive()) {
            throw new IllegalArgumentException("$.url: missing (the bot's " + schemes + " endpoint)");
        }
        URI url;
        try {
            url = URI.create(o.get("url").getAsString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$.url: not a URL: " + e.getMessage());
        }
        if (!scheme.equals(url.getScheme()) && !secureScheme.equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "$.url: must be " + (scheme.startsWith("h") ? "an " : "a ") + schemes + " URL with a host");
        }
        return url;
    }
}

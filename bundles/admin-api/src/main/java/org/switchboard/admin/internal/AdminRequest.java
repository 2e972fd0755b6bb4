package org.switchboard.admin.internal;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One admin request as the handlers see it: the path's captured segments, the query parameters and the body.
 *
 * @param params the path segments captured by the route, in order
 * @param query the query parameters (first value of each)
 * @param body the request body as text (empty when there is none)
 */
record AdminRequest(List<String> params, Map<String, String> query, String body) {

    String param(int i) {
        return params.get(i);
    }

    /** The body as a JSON object, or a 400 that says what is wrong with it. */
    JsonObject object() throws AdminException {
        JsonElement e = element();
        if (!e.isJsonObject()) {
            throw AdminException.badRequest("The request body must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    JsonElement element() throws AdminException {
        if (body.isBlank()) {
            throw AdminException.badRequest("The request needs a JSON body");
        }
        try {
            return JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw AdminException.badRequest("The request body is not valid JSON: " + e.getMessage());
        }
    }

    /** A query parameter as an integer in a range, or {@code fallback} when absent. */
    int intQuery(String name, int fallback, int min, int max) throws AdminException {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw AdminException.badRequest(
                "query parameter '" + name + "' must be an integer between " + min + " and " + max);
    }
}

package org.switchboard.summary.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;

/**
 * The body of a conversation request: which conversation ({@code sessionId} wins over {@code callId}, then
 * {@code conversationId}, looked up as a session id and then as a call id), whether to summarize, the page of turns
 * ({@code skip} or its alias {@code offset}, {@code limit}) and the language. Unknown fields are ignored, as Kore
 * does; a known field of the wrong type or out of range is a 400 naming it.
 */
record DetailsRequest(String sessionId, String callId, String conversationId, boolean summaryRequired, int skip,
        int limit, String lang) {

    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");
    private static final int MAX_ID_CHARS = 512;

    static DetailsRequest parse(String body, int defaultLimit, int maxLimit) throws ApiException {
        JsonObject o = object(body);
        String sessionId = string(o, "sessionId");
        if (sessionId != null && !SESSION_ID.matcher(sessionId).matches()) {
            throw ApiException.badRequest("sessionId must be 24 hexadecimal characters");
        }
        String callId = string(o, "callId");
        String conversationId = string(o, "conversationId");
        if (sessionId == null && callId == null && conversationId == null) {
            throw ApiException.badRequest("One of sessionId, callId or conversationId is required");
        }
        boolean summary = bool(o, "isSummaryRequired");
        Integer skip = integer(o, "skip", 0, Integer.MAX_VALUE);
        Integer offset = integer(o, "offset", 0, Integer.MAX_VALUE);
        if (skip != null && offset != null && !skip.equals(offset)) {
            throw ApiException.badRequest("skip and offset are the same setting; give one");
        }
        Integer limit = integer(o, "limit", 1, Integer.MAX_VALUE);
        if (limit != null && limit > maxLimit) {
            limit = maxLimit; // Kore pages large limits down rather than refusing them
        }
        String lang = string(o, "lang");
        if (lang != null && !LANG.matcher(lang).matches()) {
            throw ApiException.badRequest("lang must be a language tag such as en or en-US");
        }
        return new DetailsRequest(sessionId == null ? null : sessionId.toLowerCase(Locale.ROOT), callId, conversationId,
                summary, skip != null ? skip : offset != null ? offset : 0, limit != null ? limit : defaultLimit,
                lang == null ? "en" : lang);
    }

    private static JsonObject object(String body) throws ApiException {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The request body must be a JSON object, e.g. {\"sessionId\": \"...\"}");
        }
        try {
            JsonElement e = JsonParser.parseString(body);
            if (!e.isJsonObject()) {
                throw ApiException.badRequest("The request body must be a JSON object, not " + kind(e));
            }
            return e.getAsJsonObject();
        } catch (JsonSyntaxException | com.google.gson.JsonIOException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        }
    }

    private static String string(JsonObject o, String name) throws ApiException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw ApiException.badRequest(name + " must be a string, not " + kind(e));
        }
        String s = e.getAsString().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > MAX_ID_CHARS) {
            throw ApiException.badRequest(name + " is longer than " + MAX_ID_CHARS + " characters");
        }
        return s;
    }

    private static boolean bool(JsonObject o, String name) throws ApiException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isString() && (p.getAsString().equalsIgnoreCase("true") || p.getAsString().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(p.getAsString());
            }
        }
        throw ApiException.badRequest(name + " must be true or false");
    }

    private static Integer integer(JsonObject o, String name, int min, int max) throws ApiException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        String range = name + " must be an integer between " + min + " and " + max;
        if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            throw ApiException.badRequest(range);
        }
        long v;
        try {
            v = new java.math.BigDecimal(e.getAsString().trim()).longValueExact();
        } catch (NumberFormatException | ArithmeticException x) {
            throw ApiException.badRequest(range);
        }
        if (v < min || v > max) {
            throw ApiException.badRequest(range);
        }
        return (int) v;
    }

    private static String kind(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? "a boolean" : p.isNumber() ? "a number" : "a string";
    }
}

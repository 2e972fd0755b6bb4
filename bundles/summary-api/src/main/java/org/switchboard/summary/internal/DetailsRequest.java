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
record DetailsRequest(
        String sessionId,
        String callId,
        String conversationId,
        boolean summaryRequired,
        int skip,
        int limit,
        String lang) {

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
        return new DetailsRequest(
                sessionId == null ? null : sessionId.toLowerCase(Locale.ROOT),
                callId,
                conversationId,
                summary,
                skip != null ? skip : offset != null ? offset : 0,
                limit != null ? limit : defaultLimit,
                lang == null ? "en" : lang);
    }

    /**
     * A Conversation Summary API request: Kore's documented bodies, {@code {"lang": "en", "inputMode":
     * {"conversationId": "..."}}} and {@code {"lang": "en", "inputMode": {"transcript": "Agent: ... Consumer:
     * ..."}}}, or this API's own {@code sessionId}/{@code callId}/{@code conversationId} at the top level.
     *
     * @param ids the conversation asked for, or {@code null} for a transcript
     * @param transcript the transcript given inline, or {@code null}
     */
    record Summary(DetailsRequest ids, String transcript, String lang) {}

    static Summary parseSummary(String body) throws ApiException {
        JsonObject o = object(body);
        String lang = string(o, "lang");
        if (lang == null) {
            lang = string(o, "language"); // the name in Kore's parameter table
        }
        if (lang != null && !LANG.matcher(lang).matches()) {
            throw ApiException.badRequest("lang must be a language tag such as en or en-US");
        }
        JsonElement mode = o.get("inputMode");
        if (mode == null || mode.isJsonNull()) {
            DetailsRequest ids = parse(body, 1, Integer.MAX_VALUE);
            return new Summary(ids, null, ids.lang());
        }
        if (!mode.isJsonObject()) {
            throw ApiException.badRequest("inputMode must be an object: {\"conversationId\": \"...\"} or "
                    + "{\"transcript\": \"...\"}, not " + kind(mode));
        }
        JsonObject m = mode.getAsJsonObject();
        String conversationId = string(m, "conversationId");
        JsonElement transcript = m.get("transcript");
        String lg = lang == null ? "en" : lang;
        if (conversationId != null) {
            return new Summary(new DetailsRequest(null, null, conversationId, true, 0, 1, lg), null, lg);
        }
        if (transcript != null
                && transcript.isJsonPrimitive()
                && transcript.getAsJsonPrimitive().isString()
                && !transcript.getAsString().isBlank()) {
            return new Summary(null, transcript.getAsString(), lg);
        }
        throw ApiException.badRequest("inputMode needs conversationId (a session id) or transcript (the "
                + "conversation's text, e.g. \"Agent: ... Consumer: ...\")");
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
            if (p.isString()
                    && (p.getAsString().equalsIgnoreCase("true")
                            || p.getAsString().equalsIgnoreCase("false"))) {
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

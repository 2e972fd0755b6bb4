package org.switchboard.assistant.internal.jambonz;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.switchboard.api.assistant.AssistantAction;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A jambonz application's verbs carried out as assistant actions, up to the first verb that waits for the caller
 * ({@code gather}), ends the dialogue ({@code hangup}, {@code sip:refer}) or needs the application again
 * ({@code redirect}). Verbs jambonz has that Switchboard does not carry out are skipped and named in
 * {@link Step#skipped}; a verb jambonz does not have, or one with a wrong type, is an error
 * ({@link IllegalArgumentException} saying which verb and what).
 */
final class Verbs {

    /** jambonz verbs Switchboard does not carry out: skipped, the call goes on with the next. */
    static final Set<String> UNSUPPORTED = Set.of(
            "alert",
            "answer",
            "conference",
            "dequeue",
            "dial",
            "dialogflow",
            "dtmf",
            "dub",
            "enqueue",
            "leave",
            "lex",
            "listen",
            "llm",
            "message",
            "rasa",
            "sip:decline",
            "sip:request",
            "stream",
            "transcribe");

    static final Duration GATHER_TIMEOUT = Duration.ofSeconds(15);

    /** How long a background gather listens after a prompt before the next verb starts. */
    static final Duration BACKGROUND_GAP = Duration.ofMillis(300);

    /** The context key of the {@code tag} verb's data (hidden from the flow's variables), sent as customerData. */
    static final String TAG = "_jambonzTag";

    private Verbs() {}

    /**
     * What the verbs asked for before the turn ends.
     *
     * @param background whether the turn ends in the background gather ({@code config}'s {@code bargeIn}), whose
     *     silence goes on with the verbs left rather than to the hook
     */
    record Step(
            List<AssistantAction> actions,
            Deque<JsonObject> remaining,
            String actionHook,
            String redirect,
            Map<String, String> skipped,
            boolean background) {

        Step(
                List<AssistantAction> actions,
                Deque<JsonObject> remaining,
                String actionHook,
                String redirect,
                Map<String, String> skipped) {
            this(actions, remaining, actionHook, redirect, skipped, false);
        }
    }

    /** Parses an application's answer: a JSON array of verbs (empty or blank: none). */
    static Deque<JsonObject> parse(String body) {
        Deque<JsonObject> out = new ArrayDeque<>();
        if (body == null || body.isBlank()) {
            return out;
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException("not an array of verbs");
        }
        JsonArray a = root.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonObject()
                    || !e.getAsJsonObject().has("verb")
                    || !isString(e.getAsJsonObject().get("verb"))) {
                throw new IllegalArgumentException("[" + i + "]: not a verb (an object with a \"verb\" name)");
            }
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    /**
     * Carries out verbs from the head of {@code verbs} (which it consumes) until the turn ends, with the session's
     * {@code config} (which {@code config} verbs change). While a background gather is on, each prompt or pause is
     * a turn of its own, listened to.
     */
    static Step run(Deque<JsonObject> verbs, SessionConfig config) {
        List<AssistantAction> actions = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        JsonObject v;
        while ((v = verbs.poll()) != null) {
            String name = v.get("verb").getAsString();
            JsonObject background = config.background();
            switch (name) {
                case "config" -> config.apply(v, skipped);
                case "say" -> {
                    String voice = config.voice(v, skipped);
                    if (background == null) {
                        actions.addAll(say(v, false, voice));
                    } else {
                        actions.add(new AssistantAction.Say(
                                String.join(
                                        " ",
                                        say(v, true, voice).stream()
                                                .map(a -> ((AssistantAction.Say) a).text())
                                                .toList()),
                                true,
                                voice));
                        return background(actions, verbs, background, BACKGROUND_GAP, config, skipped);
                    }
                }
                case "play" -> {
                    List<AssistantAction> plays = play(v, background != null);
                    if (background == null) {
                        actions.addAll(plays);
                    } else {
                        actions.add(plays.get(0));
                        if (plays.size() > 1) { // the rest, one at a time, each listened to
                            JsonObject rest = new JsonObject();
                            rest.addProperty("verb", "play");
                            JsonArray urls = new JsonArray();
                            plays.subList(1, plays.size()).forEach(p -> urls.add(((AssistantAction.Play) p).uri()));
                            rest.add("url", urls);
                            verbs.push(rest);
                        }
                        return background(actions, verbs, background, BACKGROUND_GAP, config, skipped);
                    }
                }
                case "pause" -> {
                    long ms = millis(v, "length", 0.02);
                    if (background == null) {
                        actions.add(new AssistantAction.Play("silence:" + ms, false));
                    } else {
                        return background(actions, verbs, background, Duration.ofMillis(ms), config, skipped);
                    }
                }
                case "tag" -> actions.add(new AssistantAction.SetContext(Map.of(TAG, object(v, "data"))));
                case "gather" -> {
                    boolean bargeIn = !v.has("listenDuringPrompt") || bool(v, "listenDuringPrompt");
                    if (v.has("say")) {
                        JsonObject say = nested(v, "say");
                        actions.addAll(say(say, bargeIn, config.voice(say, skipped)));
                    }
                    if (v.has("play")) {
                        actions.addAll(play(nested(v, "play"), bargeIn));
                    }
                    actions.add(gather(v, config.hints()));
                    return new Step(actions, verbs, hook(v, "actionHook", false), null, skipped);
                }
                case "hangup" -> {
                    actions.add(new AssistantAction.Hangup(headers(v)));
                    return new Step(actions, verbs, null, null, skipped);
                }
                case "sip:refer" -> {
                    String to = string(v, "referTo", true);
                    actions.add(new AssistantAction.Transfer("TransferToAgent", to, headers(v)));
                    return new Step(actions, verbs, hook(v, "actionHook", false), null, skipped);
                }
                case "redirect" -> {
                    return new Step(actions, verbs, null, hook(v, "actionHook", true), skipped);
                }
                default -> {
                    if (!UNSUPPORTED.contains(name)) {
                        throw new IllegalArgumentException("verb '" + name + "': not a jambonz verb");
                    }
                    skipped.put(name, "not supported by Switchboard; skipped");
                }
            }
        }
        // jambonz ends the call when the application has no more verbs
        actions.add(new AssistantAction.Hangup(Map.of()));
        return new Step(actions, verbs, null, null, skipped);
    }

    /** Ends the turn in the background gather, listening for {@code listen} after the prompt. */
    private static Step background(
            List<AssistantAction> actions,
            Deque<JsonObject> verbs,
            JsonObject gather,
            Duration listen,
            SessionConfig config,
            Map<String, String> skipped) {
        AssistantAction.Gather g = gather(gather, config.hints());
        actions.add(
                new AssistantAction.Gather(g.dtmf(), g.speech(), g.maxDigits(), g.phrases(), listen, g.terminator()));
        return new Step(actions, verbs, hook(gather, "actionHook", false), null, skipped, true);
    }

    private static List<AssistantAction> say(JsonObject v, boolean bargeIn, String voice) {
        JsonElement t = v.get("text");
        String text;
        if (t != null
                && t.isJsonArray()
                && !t.getAsJsonArray().isEmpty()
                && isString(t.getAsJsonArray().get(0))) {
            text = t.getAsJsonArray().get(0).getAsString();
        } else {
            text = string(v, "text", true);
        }
        List<AssistantAction> out = new ArrayList<>();
        for (int i = 0; i < loop(v); i++) {
            out.add(new AssistantAction.Say(text, bargeIn, voice));
        }
        return out;
    }

    private static List<AssistantAction> play(JsonObject v, boolean bargeIn) {
        List<String> urls = new ArrayList<>();
        JsonElement u = v.get("url");
        if (u != null && u.isJsonArray()) {
            u.getAsJsonArray().forEach(e -> urls.add(e.getAsString()));
        } else {
            urls.add(string(v, "url", true));
        }
        List<AssistantAction> out = new ArrayList<>();
        for (int i = 0; i < loop(v); i++) {
            for (String url : urls) {
                out.add(new AssistantAction.Play(url, bargeIn));
            }
        }
        return out;
    }

    /** A {@code gather} verb's (or a background gather's) listening; {@code hints} when it has none of its own. */
    static AssistantAction.Gather gather(JsonObject v, List<String> defaultHints) {
        List<String> input = new ArrayList<>();
        if (v.has("input")) {
            if (!v.get("input").isJsonArray()) {
                throw new IllegalArgumentException("verb 'gather': input must be an array of \"digits\", \"speech\"");
            }
            v.getAsJsonArray("input").forEach(e -> input.add(e.getAsString()));
        } else {
            input.add("digits");
        }
        for (String i : input) {
            if (!i.equals("digits") && !i.equals("speech")) {
                throw new IllegalArgumentException("verb 'gather': unknown input '" + i + "'");
            }
        }
        // without a count, a finishOnKey entry goes on until the key (or the timeout)
        int digits = v.has("numDigits")
                ? integer(v, "numDigits")
                : v.has("maxDigits") ? integer(v, "maxDigits") : v.has("finishOnKey") ? 64 : 1;
        if (digits < 1 || digits > 64) {
            throw new IllegalArgumentException("verb 'gather': numDigits must be 1-64");
        }
        List<String> hints = new ArrayList<>();
        if (v.has("recognizer") && v.get("recognizer").isJsonObject()) {
            JsonObject r = v.getAsJsonObject("recognizer");
            if (r.has("hints") && r.get("hints").isJsonArray()) {
                r.getAsJsonArray("hints").forEach(e -> hints.add(e.getAsString()));
            }
        }
        if (v.has("hints") && v.get("hints").isJsonArray()) {
            v.getAsJsonArray("hints").forEach(e -> hints.add(e.getAsString()));
        }
        if (hints.isEmpty()) {
            hints.addAll(defaultHints);
        }
        Duration timeout = v.has("timeout") ? Duration.ofMillis(millis(v, "timeout", 1)) : GATHER_TIMEOUT;
        String finish = v.has("finishOnKey") ? string(v, "finishOnKey", true) : null;
        if (finish != null && (finish.length() != 1 || "0123456789*#".indexOf(finish.charAt(0)) < 0)) {
            throw new IllegalArgumentException("verb 'gather': finishOnKey must be one key (0-9, * or #)");
        }
        return new AssistantAction.Gather(
                input.contains("digits"), input.contains("speech"), digits, hints, timeout, finish);
    }

    /** A hook: a URL string, or an object with {@code url}. */
    static String hook(JsonObject v, String name, boolean required) {
        JsonElement h = v.get(name);
        if (h == null) {
            if (required) {
                throw new IllegalArgumentException("verb '" + v.get("verb").getAsString() + "': " + name + " missing");
            }
            return null;
        }
        if (isString(h)) {
            return h.getAsString();
        }
        if (h.isJsonObject() && isString(h.getAsJsonObject().get("url"))) {
            return h.getAsJsonObject().get("url").getAsString();
        }
        throw new IllegalArgumentException(
                "verb '" + v.get("verb").getAsString() + "': " + name + " must be a URL or {\"url\": ...}");
    }

    private static Map<String, String> headers(JsonObject v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!v.has("headers")) {
            return out;
        }
        if (!v.get("headers").isJsonObject()) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': headers must map names to values");
        }
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject("headers").entrySet()) {
            if (!e.getValue().isJsonPrimitive()) {
                throw new IllegalArgumentException(
                        "verb '" + v.get("verb").getAsString() + "': header " + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().getAsString());
        }
        return out;
    }

    private static JsonObject nested(JsonObject v, String name) {
        if (!v.get(name).isJsonObject()) {
            throw new IllegalArgumentException("verb 'gather': " + name + " must be an object");
        }
        JsonObject n = v.getAsJsonObject(name).deepCopy();
        n.addProperty("verb", name);
        return n;
    }

    private static String object(JsonObject v, String name) {
        if (!v.has(name) || !v.get(name).isJsonObject()) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': " + name + " must be an object");
        }
        return v.get(name).toString();
    }

    private static int loop(JsonObject v) {
        int n = v.has("loop") ? integer(v, "loop") : 1;
        if (n < 1 || n > 10) {
            throw new IllegalArgumentException("verb '" + v.get("verb").getAsString() + "': loop must be 1-10");
        }
        return n;
    }

    private static long millis(JsonObject v, String name, double min) {
        JsonElement e = v.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': " + name + " must be a number of seconds");
        }
        double s = e.getAsDouble();
        if (s < min || s > 300) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': " + name + " must be " + min + "-300 seconds");
        }
        return Math.round(s * 1000);
    }

    private static int integer(JsonObject v, String name) {
        JsonElement e = v.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': " + name + " must be a whole number");
        }
        return e.getAsInt();
    }

    private static boolean bool(JsonObject v, String name) {
        JsonElement e = v.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': " + name + " must be true or false");
        }
        return e.getAsBoolean();
    }

    private static String string(JsonObject v, String name, boolean required) {
        JsonElement e = v.get(name);
        if (e == null && !required) {
            return null;
        }
        if (!isString(e) || e.getAsString().isBlank()) {
            throw new IllegalArgumentException(
                    "verb '" + v.get("verb").getAsString() + "': " + name + " must be a non-empty string");
        }
        return e.getAsString();
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }
}

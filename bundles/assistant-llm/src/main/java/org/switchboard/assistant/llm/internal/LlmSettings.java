package org.switchboard.assistant.llm.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * An LLM assistant's definition, checked: the endpoint ({@code url}, the API's base such as
 * {@code http://127.0.0.1:11434/v1}), {@code model}, {@code apiKeyEnv} (the name of the environment variable that
 * holds the key: a definition is shown in the console, a key must not be), {@code systemPrompt}, {@code greeting}
 * (said before the model is asked, else the model greets), {@code temperature}, {@code maxTokens}, the time budget of
 * each answer ({@code turnTimeoutMs}), how long the caller has to answer ({@code listenTimeoutMs}), the silence after
 * the caller's words that ends their turn ({@code endSilenceMs}; the media engine's default otherwise), {@code maxTurns},
 * {@code voice}, HTTP {@code tools}, and the fallback ({@code fallbackMessage}, {@code fallback}, ...).
 */
record LlmSettings(
        URI endpoint,
        String model,
        String apiKeyEnv,
        String systemPrompt,
        String greeting,
        Double temperature,
        Integer maxTokens,
        Duration turnTimeout,
        Duration listenTimeout,
        Duration endSilence,
        int maxTurns,
        String voice,
        List<HttpTool> tools,
        String fallback,
        String fallbackMessage,
        String fallbackReason,
        Map<String, String> fallbackHeaders) {

    static final String DEFAULT_PROMPT = "You are the voice assistant of a contact center, speaking with a caller on "
            + "the phone. Answer in one to three short sentences of plain text, without lists or markup. When the "
            + "caller wants a person, or you cannot help, call transfer_to_agent. When the caller is done, say "
            + "goodbye and call hang_up.";

    private static final Set<String> FIELDS = new TreeSet<>(Set.of(
            "type",
            "url",
            "model",
            "apiKeyEnv",
            "systemPrompt",
            "greeting",
            "temperature",
            "maxTokens",
            "turnTimeoutMs",
            "listenTimeoutMs",
            "endSilenceMs",
            "maxTurns",
            "voice",
            "tools",
            "fallback",
            "fallbackMessage",
            "fallbackReason",
            "fallbackHeaders"));
    private static final List<String> FALLBACKS = List.of("agent", "hangup", "resolved");

    /** A tool the model may call that Switchboard carries out by POSTing the arguments to {@code url}. */
    record HttpTool(String name, String description, JsonObject parameters, URI url, Duration timeout) {}

    static LlmSettings parse(String json) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("$: not a JSON object");
        }
        for (String k : o.keySet()) {
            if (!FIELDS.contains(k)) {
                throw new IllegalArgumentException("$." + k + ": unknown field; known: " + String.join(", ", FIELDS));
            }
        }
        URI base = url(o, "$.url", text(o, "url", null));
        String u = base.toString();
        URI endpoint = URI.create(
                u.endsWith("/chat/completions")
                        ? u
                        : (u.endsWith("/") ? u.substring(0, u.length() - 1) : u) + "/chat/completions");
        String model = text(o, "model", null);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("$.model: missing (the model's name at the endpoint)");
        }
        String fallback = text(o, "fallback", "agent");
        if (!FALLBACKS.contains(fallback)) {
            throw new IllegalArgumentException("$.fallback: must be one of " + FALLBACKS);
        }
        return new LlmSettings(
                endpoint,
                model,
                text(o, "apiKeyEnv", null),
                text(o, "systemPrompt", DEFAULT_PROMPT),
                text(o, "greeting", null),
                o.has("temperature") ? number(o, "temperature", 0, 2) : null,
                o.has("maxTokens") ? (int) number(o, "maxTokens", 1, 32_768) : null,
                Duration.ofMillis((long) (o.has("turnTimeoutMs") ? number(o, "turnTimeoutMs", 500, 120_000) : 8000)),
                Duration.ofMillis(
                        (long) (o.has("listenTimeoutMs") ? number(o, "listenTimeoutMs", 1000, 60_000) : 8000)),
                o.has("endSilenceMs") ? Duration.ofMillis((long) number(o, "endSilenceMs", 0, 5000)) : null,
                (int) (o.has("maxTurns") ? number(o, "maxTurns", 1, 500) : 50),
                text(o, "voice", null),
                tools(o),
                fallback,
                text(o, "fallbackMessage", "Sorry, I am having trouble right now. Let me get you to an agent."),
                text(o, "fallbackReason", "TransferToAgent"),
                headers(o, "fallbackHeaders"));
    }

    private static List<HttpTool> tools(JsonObject o) {
        List<HttpTool> tools = new ArrayList<>();
        JsonElement v = o.get("tools");
        if (v == null) {
            return tools;
        }
        if (!v.isJsonArray()) {
            throw new IllegalArgumentException("$.tools: must be a list of tools");
        }
        Set<String> names = new TreeSet<>(Tools.BUILT_IN);
        for (int i = 0; i < v.getAsJsonArray().size(); i++) {
            String p = "$.tools[" + i + "]";
            JsonElement e = v.getAsJsonArray().get(i);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(p + ": must be an object");
            }
            JsonObject t = e.getAsJsonObject();
            String name = text(t, "name", null);
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException(p + ".name: must be 1-64 letters, digits, _ or -");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(p + ".name: '" + name + "' is taken");
            }
            JsonElement params = t.get("parameters");
            if (params != null && !params.isJsonObject()) {
                throw new IllegalArgumentException(p + ".parameters: must be a JSON Schema object");
            }
            tools.add(new HttpTool(
                    name,
                    text(t, "description", ""),
                    params == null ? Tools.schema(Map.of(), List.of()) : params.getAsJsonObject(),
                    url(t, p + ".url", text(t, "url", null)),
                    Duration.ofMillis((long) (t.has("timeoutMs") ? number(t, "timeoutMs", 100, 60_000) : 3000))));
        }
        return tools;
    }

    private static URI url(JsonObject o, String path, String value) {
        if (value == null) {
            throw new IllegalArgumentException(path + ": missing (an http:// or https:// URL)");
        }
        URI u;
        try {
            u = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": not a URL: " + e.getMessage());
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException(path + ": must be an http:// or https:// URL with a host");
        }
        return u;
    }

    private static String text(JsonObject o, String name, String otherwise) {
        JsonElement v = o.get(name);
        if (v == null || v.isJsonNull()) {
            return otherwise;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("$." + name + ": must be text");
        }
        return v.getAsString();
    }

    private static double number(JsonObject o, String name, double min, double max) {
        JsonElement v = o.get(name);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("$." + name + ": must be a number");
        }
        double d = v.getAsDouble();
        if (d < min || d > max) {
            throw new IllegalArgumentException("$." + name + ": must be " + fmt(min) + "-" + fmt(max));
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Map<String, String> headers(JsonObject o, String name) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonElement v = o.get(name);
        if (v == null) {
            return m;
        }
        if (!v.isJsonObject()) {
            throw new IllegalArgumentException("$." + name + ": must map header names to values");
        }
        v.getAsJsonObject()
                .entrySet()
                .forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        return m;
    }

    /** The API key from {@link #apiKeyEnv}, or {@code null}. */
    String apiKey() {
        return apiKeyEnv == null ? null : System.getenv(apiKeyEnv);
    }

    /** Never shows the key (it is not here anyway) nor the prompt. */
    @Override
    public String toString() {
        return "llm " + model + " at " + endpoint + " (" + tools.size() + " HTTP tool(s))";
    }
}

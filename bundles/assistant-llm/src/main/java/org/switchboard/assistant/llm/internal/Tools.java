package org.switchboard.assistant.llm.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.switchboard.api.assistant.AssistantAction;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The tools an LLM assistant offers its model: {@code transfer_to_agent(reason, headers)}, {@code hang_up(reason)},
 * {@code set_context(key, value)} and the flow's HTTP tools (the arguments POSTed as JSON, the answer given back to
 * the model). Arguments are checked: a call with arguments that are not what the tool declares is the model's
 * failure, and the conversation takes the fallback.
 */
final class Tools {

    static final Set<String> BUILT_IN = Set.of("transfer_to_agent", "hang_up", "set_context");
    private static final int MAX_RESULT = 4000;

    private final List<LlmSettings.HttpTool> http;
    private final HttpClient client;

    Tools(List<LlmSettings.HttpTool> http, HttpClient client) {
        this.http = http;
        this.client = client;
    }

    /** A tool call the model made. */
    record Call(String id, String name, String arguments) {}

    /** What a tool call comes to: the conversation's last action, a result for the model, or the model's mistake. */
    sealed interface Outcome {
        record Closing(AssistantAction action) implements Outcome {}

        record Result(String content) implements Outcome {}

        record Mistake(String problem) implements Outcome {}
    }

    /** The {@code tools} of a chat-completions request. */
    JsonArray definitions() {
        JsonArray a = new JsonArray();
        a.add(function(
                "transfer_to_agent",
                "Hand the caller to a human agent. Say a short sentence first, such as that you are connecting them.",
                schema(
                        Map.of(
                                "reason", "string:Why the caller needs an agent, in a few words",
                                "headers", "object:Optional SIP headers for the agent's desktop, e.g. X-Intent"),
                        List.of("reason"))));
        a.add(function(
                "hang_up",
                "End the call once the caller is done and you said goodbye.",
                schema(Map.of("reason", "string:Why the call ends"), List.of())));
        a.add(function(
                "set_context",
                "Remember a fact about the call for the agent and the summary, e.g. an order number.",
                schema(
                        Map.of("key", "string:A short name, letters and digits", "value", "string:The value"),
                        List.of("key", "value"))));
        for (LlmSettings.HttpTool t : http) {
            a.add(function(t.name(), t.description(), t.parameters()));
        }
        return a;
    }

    private static JsonObject function(String name, String description, JsonObject parameters) {
        JsonObject f = new JsonObject();
        f.addProperty("name", name);
        f.addProperty("description", description);
        f.add("parameters", parameters);
        JsonObject o = new JsonObject();
        o.addProperty("type", "function");
        o.add("function", f);
        return o;
    }

    /** A JSON Schema object of {@code properties} ({@code name -> "type:description"}) with {@code required}. */
    static JsonObject schema(Map<String, String> properties, List<String> required) {
        JsonObject props = new JsonObject();
        new java.util.TreeMap<>(properties).forEach((name, spec) -> {
            JsonObject p = new JsonObject();
            int colon = spec.indexOf(':');
            p.addProperty("type", spec.substring(0, colon));
            p.addProperty("description", spec.substring(colon + 1));
            props.add(name, p);
        });
        JsonObject s = new JsonObject();
        s.addProperty("type", "object");
        s.add("properties", props);
        JsonArray req = new JsonArray();
        required.forEach(req::add);
        s.add("required", req);
        return s;
    }

    /** Carries out {@code call}; {@code context} takes what {@code set_context} keeps. */
    CompletionStage<Outcome> run(Call call, Map<String, Object> context) {
        JsonObject args;
        try {
            String a = call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
            args = JsonParser.parseString(a).getAsJsonObject();
        } catch (RuntimeException e) {
            return done(new Outcome.Mistake("called " + call.name() + " with arguments that are not a JSON object"));
        }
        try {
            switch (call.name()) {
                case "transfer_to_agent" -> {
                    String reason = text(args, "reason", true);
                    return done(new Outcome.Closing(
                            new AssistantAction.Transfer(reason, null, headers(args.get("headers")))));
                }
                case "hang_up" -> {
                    String reason = text(args, "reason", false);
                    if (reason != null) {
                        context.put("hangupReason", reason);
                    }
                    return done(new Outcome.Closing(new AssistantAction.Hangup(Map.of())));
                }
                case "set_context" -> {
                    String key = text(args, "key", true);
                    if (!key.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                        throw new IllegalArgumentException("key must be a name of letters, digits and _");
                    }
                    JsonElement v = args.get("value");
                    if (v == null || !v.isJsonPrimitive()) {
                        throw new IllegalArgumentException("value must be text, a number or a boolean");
                    }
                    JsonPrimitive p = v.getAsJsonPrimitive();
                    context.put(
                            key, p.isBoolean() ? p.getAsBoolean() : p.isNumber() ? p.getAsNumber() : p.getAsString());
                    return done(new Outcome.Result("ok"));
                }
                default -> {
                    for (LlmSettings.HttpTool t : http) {
                        if (t.name().equals(call.name())) {
                            return post(t, args);
                        }
                    }
                    return done(new Outcome.Mistake("called an unknown tool '" + call.name() + "'"));
                }
            }
        } catch (IllegalArgumentException e) {
            return done(new Outcome.Mistake("called " + call.name() + " with bad arguments: " + e.getMessage()));
        }
    }

    private CompletionStage<Outcome> post(LlmSettings.HttpTool t, JsonObject args) {
        HttpRequest request = HttpRequest.newBuilder(t.url())
                .timeout(t.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(args.toString(), StandardCharsets.UTF_8))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((r, e) -> {
                    if (e != null) {
                        return new Outcome.Result("error: the tool did not answer ("
                                + (e.getCause() != null ? e.getCause() : e)
                                        .getClass()
                                        .getSimpleName() + ")");
                    }
                    String body = r.body().length() > MAX_RESULT ? r.body().substring(0, MAX_RESULT) : r.body();
                    return r.statusCode() / 100 == 2
                            ? new Outcome.Result(body)
                            : new Outcome.Result("error: HTTP " + r.statusCode() + ": " + body);
                });
    }

    private static String text(JsonObject args, String name, boolean required) {
        JsonElement v = args.get(name);
        if (v == null || v.isJsonNull()) {
            if (required) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return null;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(name + " must be text");
        }
        return v.getAsString();
    }

    private static Map<String, String> headers(JsonElement v) {
        Map<String, String> m = new LinkedHashMap<>();
        if (v == null || v.isJsonNull()) {
            return m;
        }
        if (!v.isJsonObject()) {
            throw new IllegalArgumentException("headers must be an object of header names to text");
        }
        for (var e : v.getAsJsonObject().entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9-]{1,64}")
                    || !e.getValue().isJsonPrimitive()
                    || e.getValue().getAsString().chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw new IllegalArgumentException("header '" + e.getKey() + "' is not a header name with a value");
            }
            m.put(e.getKey(), e.getValue().getAsString());
        }
        return m;
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }
}

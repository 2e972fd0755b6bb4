package org.switchboard.assistant.llm.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.call.CallControl;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * One call's conversation with the model. Each answer is streamed and spoken sentence by sentence while it streams;
 * its last sentence is the prompt of the gather that listens for the caller (so the caller can talk over it), whose
 * words are the next message. Tool calls are carried out: a transfer or hang-up ends the conversation after the words
 * before it, the others give the model their result and it answers again. The conversation's messages are its
 * memory. An answer that takes longer than the turn's budget, fails, or calls a tool wrongly takes the fallback.
 */
final class LlmConversation {

    private static final Logger LOG = LoggerFactory.getLogger(LlmConversation.class);
    /** The most tool rounds one answer may take before it must speak. */
    static final int MAX_TOOL_ROUNDS = 5;

    private final String assistantId;
    private final LlmSettings settings;
    private final Tools tools;
    private final HttpClient client;
    private final CallControl call;
    private final TurnRequest start;
    private final JsonArray messages = new JsonArray();
    private final Map<String, Object> context;
    private final Map<String, Object> kept = new LinkedHashMap<>();
    private final CompletableFuture<TurnResponse> result = new CompletableFuture<>();
    private int answers;

    LlmConversation(
            String assistantId,
            LlmSettings settings,
            Tools tools,
            HttpClient client,
            CallControl call,
            TurnRequest start) {
        this.assistantId = assistantId;
        this.settings = settings;
        this.tools = tools;
        this.client = client;
        this.call = call;
        this.start = start;
        this.context = new LinkedHashMap<>(start.context());
    }

    CompletionStage<TurnResponse> start() {
        messages.add(message("system", systemPrompt()));
        if (settings.greeting() != null) {
            messages.add(message("assistant", settings.greeting()));
            listen(settings.greeting());
        } else {
            ask(0);
        }
        return result;
    }

    private String systemPrompt() {
        StringBuilder b = new StringBuilder(settings.systemPrompt());
        if (start.session() != null) {
            b.append("\n\nThe caller's number: ").append(start.session().caller());
            b.append(". The number they called: ").append(start.session().did()).append('.');
        }
        List<String> known = new ArrayList<>();
        start.context().forEach((k, v) -> {
            if (!k.startsWith("_")) {
                known.add(k + " = " + v);
            }
        });
        if (!known.isEmpty()) {
            b.append("\nKnown about this call: ")
                    .append(String.join("; ", known))
                    .append('.');
        }
        return b.toString();
    }

    private void ask(int round) {
        if (!call.isActive()) {
            end(List.of(new AssistantAction.End()));
            return;
        }
        if (++answers > settings.maxTurns()) {
            fallback("gave more than " + settings.maxTurns() + " answers");
            return;
        }
        JsonObject body = new JsonObject();
        body.addProperty("model", settings.model());
        body.add("messages", messages.deepCopy());
        body.add("tools", tools.definitions());
        if (settings.temperature() != null) {
            body.addProperty("temperature", settings.temperature());
        }
        if (settings.maxTokens() != null) {
            body.addProperty("max_tokens", settings.maxTokens());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint());
        String key = settings.apiKey();
        if (key != null && !key.isEmpty()) {
            request.header("Authorization", "Bearer " + key);
        }
        Sentences sentences = new Sentences(s -> call.say(s, settings.voice(), true));
        long budget = settings.turnTimeout().toMillis();
        ChatStream.open(client, request, body, sentences::add)
                .orTimeout(budget, TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        fallback(
                                failure instanceof java.util.concurrent.TimeoutException
                                        ? "did not finish its answer within " + budget + " ms"
                                        : failure.getMessage());
                    } else {
                        answered(answer, sentences.rest(), round);
                    }
                });
    }

    private void answered(ChatStream.Answer answer, String last, int round) {
        JsonObject m = message("assistant", answer.text().isEmpty() ? null : answer.text());
        if (!answer.calls().isEmpty()) {
            JsonArray calls = new JsonArray();
            for (Tools.Call c : answer.calls()) {
                JsonObject f = new JsonObject();
                f.addProperty("name", c.name());
                f.addProperty("arguments", c.arguments());
                JsonObject t = new JsonObject();
                t.addProperty("id", c.id());
                t.addProperty("type", "function");
                t.add("function", f);
                calls.add(t);
            }
            m.add("tool_calls", calls);
        }
        messages.add(m);
        if (answer.calls().isEmpty()) {
            listen(last);
        } else {
            runTools(answer.calls(), 0, last, round);
        }
    }

    private void runTools(List<Tools.Call> calls, int i, String last, int round) {
        if (i == calls.size()) {
            if (last != null) {
                call.say(last, settings.voice(), true);
            }
            if (round + 1 >= MAX_TOOL_ROUNDS) {
                fallback("called tools " + MAX_TOOL_ROUNDS + " times without a word to the caller");
            } else {
                ask(round + 1);
            }
            return;
        }
        Tools.Call c = calls.get(i);
        Map<String, Object> before = new LinkedHashMap<>(context);
        tools.run(c, context).whenComplete((outcome, failure) -> {
            context.forEach((k, v) -> {
                if (!v.equals(before.get(k))) {
                    kept.put(k, v);
                }
            });
            if (failure != null) {
                fallback("tool " + c.name() + " failed: " + failure.getMessage());
            } else if (outcome instanceof Tools.Outcome.Closing closing) {
                List<AssistantAction> actions = new ArrayList<>();
                if (last != null) {
                    actions.add(new AssistantAction.Say(last, false));
                }
                actions.add(closing.action());
                end(actions);
            } else if (outcome instanceof Tools.Outcome.Result r) {
                JsonObject m = message("tool", r.content());
                m.addProperty("tool_call_id", c.id());
                messages.add(m);
                runTools(calls, i + 1, last, round);
            } else {
                fallback(((Tools.Outcome.Mistake) outcome).problem());
            }
        });
    }

    private void listen(String prompt) {
        GatherRequest request = new GatherRequest(
                prompt,
                true,
                true,
                1,
                null,
                true,
                List.of(),
                settings.listenTimeout(),
                Duration.ofSeconds(3),
                settings.voice(),
                settings.endSilence() == null
                        ? org.switchboard.api.call.TurnTaking.DEFAULTS
                        : new org.switchboard.api.call.TurnTaking(null, settings.endSilence(), null));
        call.gather(request).whenComplete((r, e) -> {
            if (e != null || r.outcome() == GatherResult.Outcome.HANGUP || !call.isActive()) {
                end(List.of(new AssistantAction.End()));
                return;
            }
            String heard = switch (r.outcome()) {
                case MATCH -> r.digits() != null ? "(The caller pressed " + r.digits() + ".)" : r.text();
                case NO_INPUT -> "(The caller said nothing.)";
                default -> "(The caller said something that was not understood.)";
            };
            messages.add(message("user", heard));
            ask(0);
        });
    }

    private void fallback(String problem) {
        String reason = "the model at " + settings.endpoint() + " " + problem;
        LOG.warn(
                "Session {}: LLM assistant '{}': {}; taking the fallback ({})",
                start.sessionId(),
                assistantId,
                org.switchboard.util.log.LogText.escape(reason),
                settings.fallback());
        kept.put("llmError", reason);
        List<AssistantAction> actions = new ArrayList<>();
        if (settings.fallbackMessage() != null) {
            actions.add(new AssistantAction.Say(settings.fallbackMessage(), false));
        }
        actions.add(
                switch (settings.fallback()) {
                    case "hangup" -> new AssistantAction.Hangup(Map.of());
                    case "resolved" -> new AssistantAction.End();
                    default ->
                        new AssistantAction.Transfer(settings.fallbackReason(), null, settings.fallbackHeaders());
                });
        end(actions);
    }

    private void end(List<AssistantAction> actions) {
        List<AssistantAction> all = new ArrayList<>();
        if (!kept.isEmpty()) {
            all.add(new AssistantAction.SetContext(kept));
        }
        all.addAll(actions);
        Map<String, Object> ctx = new LinkedHashMap<>(context);
        ctx.putAll(kept);
        result.complete(new TurnResponse(all, ctx, null));
    }

    private static JsonObject message(String role, String content) {
        JsonObject m = new JsonObject();
        m.addProperty("role", role);
        if (content == null) {
            m.add("content", com.google.gson.JsonNull.INSTANCE);
        } else {
            m.addProperty("content", content);
        }
        return m;
    }
}

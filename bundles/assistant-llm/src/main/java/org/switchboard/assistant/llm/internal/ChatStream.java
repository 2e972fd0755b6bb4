package org.switchboard.assistant.llm.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One streamed chat completion: the request POSTed with {@code "stream": true}, the server-sent events read as they
 * come ({@code data: {...}} chunks until {@code data: [DONE]}), the text handed on delta by delta and the tool calls
 * put together from their pieces. A server that answers a whole completion instead of a stream is read too.
 */
final class ChatStream implements Flow.Subscriber<String> {

    /** What the model said: its text and the tools it called. */
    record Answer(String text, List<Tools.Call> calls) {}

    private final Consumer<String> text;
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder whole = new StringBuilder();
    private final Map<Integer, String[]> calls = new TreeMap<>(); // index -> id, name, arguments
    private volatile Flow.Subscription subscription;
    private boolean streamed;

    private ChatStream(Consumer<String> text) {
        this.text = text;
    }

    /** Posts {@code body} and streams the answer; {@code text} gets each piece of text on the client's thread. */
    static CompletableFuture<Answer> open(
            HttpClient client, HttpRequest.Builder request, JsonObject body, Consumer<String> text) {
        ChatStream s = new ChatStream(text);
        body.addProperty("stream", true);
        HttpRequest r = request.header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse.BodyHandler<String> handler = info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.fromLineSubscriber(s, x -> null, StandardCharsets.UTF_8, null)
                : HttpResponse.BodySubscribers.mapping(
                        HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                        b -> "HTTP " + info.statusCode() + ": " + (b.length() > 200 ? b.substring(0, 200) : b));
        client.sendAsync(r, handler).whenComplete((response, e) -> {
            if (e != null) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                s.answer.completeExceptionally(new IllegalStateException("unreachable ("
                        + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")"));
            } else if (response.body() != null) {
                s.answer.completeExceptionally(new IllegalStateException("answered " + response.body()));
            } else {
                s.finish();
            }
        });
        s.answer.whenComplete((a, e) -> s.cancel());
        return s.answer;
    }

    private void cancel() {
        Flow.Subscription sub = subscription;
        if (sub != null) {
            sub.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (answer.isDone()) {
            return;
        }
        try {
            read(line);
        } catch (RuntimeException e) {
            answer.completeExceptionally(
                    new IllegalStateException("answered something that is not a chat completion: " + e.getMessage()));
        }
    }

    private void read(String line) {
        if (line.startsWith("data:")) {
            streamed = true;
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                finish();
            } else if (!data.isEmpty()) {
                chunk(JsonParser.parseString(data).getAsJsonObject());
            }
        } else if (!streamed && !line.startsWith(":") && !line.startsWith("event:") && !line.startsWith("id:")) {
            whole.append(line).append('\n');
        }
    }

    private void chunk(JsonObject o) {
        error(o);
        JsonArray choices = o.getAsJsonArray("choices");
        if (choices == null || choices.isEmpty()) {
            return;
        }
        JsonObject delta = choices.get(0).getAsJsonObject().getAsJsonObject("delta");
        if (delta == null) {
            return;
        }
        JsonElement c = delta.get("content");
        if (c != null && !c.isJsonNull() && !c.getAsString().isEmpty()) {
            content.append(c.getAsString());
            text.accept(c.getAsString());
        }
        JsonElement tc = delta.get("tool_calls");
        if (tc != null && tc.isJsonArray()) {
            for (JsonElement e : tc.getAsJsonArray()) {
                JsonObject t = e.getAsJsonObject();
                int index = t.has("index") ? t.get("index").getAsInt() : calls.size();
                String[] call = calls.computeIfAbsent(index, i -> new String[] {null, null, ""});
                if (t.has("id") && !t.get("id").isJsonNull()) {
                    call[0] = t.get("id").getAsString();
                }
                JsonObject f = t.getAsJsonObject("function");
                if (f != null) {
                    if (f.has("name") && !f.get("name").isJsonNull()) {
                        call[1] = f.get("name").getAsString();
                    }
                    if (f.has("arguments") && !f.get("arguments").isJsonNull()) {
                        call[2] += f.get("arguments").getAsString();
                    }
                }
            }
        }
    }

    private static void error(JsonObject o) {
        if (o.has("error")) {
            throw new IllegalStateException("an error: " + o.get("error"));
        }
    }

    private void finish() {
        if (answer.isDone()) {
            return;
        }
        try {
            if (!streamed) {
                if (whole.toString().isBlank()) {
                    throw new IllegalStateException("nothing");
                }
                whole(JsonParser.parseString(whole.toString()).getAsJsonObject());
            }
            List<Tools.Call> list = new ArrayList<>();
            for (var e : calls.entrySet()) {
                String[] c = e.getValue();
                if (c[1] == null) {
                    throw new IllegalStateException("a tool call without a name");
                }
                list.add(new Tools.Call(c[0] == null ? "call_" + e.getKey() : c[0], c[1], c[2]));
            }
            answer.complete(new Answer(content.toString(), list));
        } catch (RuntimeException e) {
            answer.completeExceptionally(
                    new IllegalStateException("answered something that is not a chat completion: " + e.getMessage()));
        }
    }

    /** A whole (unstreamed) completion: its message's text and tool calls. */
    private void whole(JsonObject o) {
        error(o);
        JsonObject message =
                o.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("message");
        JsonElement c = message.get("content");
        if (c != null && !c.isJsonNull()) {
            content.append(c.getAsString());
            text.accept(c.getAsString());
        }
        JsonElement tc = message.get("tool_calls");
        if (tc != null && tc.isJsonArray()) {
            int i = 0;
            for (JsonElement e : tc.getAsJsonArray()) {
                JsonObject t = e.getAsJsonObject();
                JsonObject f = t.getAsJsonObject("function");
                calls.put(i++, new String[] {
                    t.has("id") ? t.get("id").getAsString() : null,
                    f.get("name").getAsString(),
                    f.has("arguments") ? f.get("arguments").getAsString() : ""
                });
            }
        }
    }

    @Override
    public void onError(Throwable e) {
        answer.completeExceptionally(new IllegalStateException("the answer broke off: " + e));
    }

    @Override
    public void onComplete() {
        // the response's completion finishes the answer (a stream without [DONE] still ends)
    }
}

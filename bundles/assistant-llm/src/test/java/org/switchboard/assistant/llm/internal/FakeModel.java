package org.switchboard.assistant.llm.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat-completions server for the tests: each request gets the next scripted answer (a stream
 * of text pieces and tool calls with pauses between them, an HTTP error, a whole completion or garbage), and every
 * request is kept. {@code /tool} is an HTTP tool that answers what it was sent.
 */
final class FakeModel implements AutoCloseable {

    /** One scripted answer: what {@link #serve} writes. */
    interface Answer {
        void write(HttpExchange exchange) throws IOException, InterruptedException;
    }

    final HttpServer server;
    final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> toolCalls = new CopyOnWriteArrayList<>();
    volatile long lastWrite;

    FakeModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::serve);
        server.createContext("/tool", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            toolCalls.add(body);
            byte[] b = ("{\"status\": \"shipped\", \"asked\": " + body + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.add(
                JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                        .getAsJsonObject());
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Answer a = answers.poll();
        try {
            if (a == null) {
                status(500, "no answer scripted").write(exchange);
            } else {
                a.write(exchange);
            }
        } catch (InterruptedException | IOException e) {
            // the client went away (a timeout)
        } finally {
            exchange.close();
        }
    }

    /** Text pieces streamed; a piece "~N" is a pause of N ms; "tool:name:{json args}" is a tool call. */
    static Answer stream(String... pieces) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            int calls = 0;
            for (String p : pieces) {
                if (p.startsWith("~")) {
                    out.flush();
                    Thread.sleep(Long.parseLong(p.substring(1)));
                    continue;
                }
                JsonObject delta = new JsonObject();
                if (p.startsWith("tool:")) {
                    String[] parts = p.split(":", 3);
                    int index = calls++;
                    // a call comes in two pieces, as the real APIs send it: the name, then the arguments
                    delta.add("tool_calls", toolCall(index, "call_" + index, parts[1], ""));
                    write(out, delta);
                    delta = new JsonObject();
                    delta.add("tool_calls", toolCall(index, null, null, parts[2]));
                } else {
                    delta.addProperty("content", p);
                }
                write(out, delta);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
    }

    private static JsonArray toolCall(int index, String id, String name, String arguments) {
        JsonObject f = new JsonObject();
        if (name != null) {
            f.addProperty("name", name);
        }
        f.addProperty("arguments", arguments);
        JsonObject t = new JsonObject();
        t.addProperty("index", index);
        if (id != null) {
            t.addProperty("id", id);
            t.addProperty("type", "function");
        }
        t.add("function", f);
        JsonArray a = new JsonArray();
        a.add(t);
        return a;
    }

    private static void write(OutputStream out, JsonObject delta) throws IOException {
        JsonObject choice = new JsonObject();
        choice.addProperty("index", 0);
        choice.add("delta", delta);
        JsonArray choices = new JsonArray();
        choices.add(choice);
        JsonObject chunk = new JsonObject();
        chunk.addProperty("object", "chat.completion.chunk");
        chunk.add("choices", choices);
        out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static Answer status(int status, String body) {
        return exchange -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, b.length);
            exchange.getResponseBody().write(b);
        };
    }

    static Answer whole(String text) {
        JsonObject message = new JsonObject();
        message.addProperty("role", "assistant");
        message.addProperty("content", text);
        JsonObject choice = new JsonObject();
        choice.add("message", message);
        JsonArray choices = new JsonArray();
        choices.add(choice);
        JsonObject o = new JsonObject();
        o.add("choices", choices);
        return status(200, o.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.switchboard.assistant.internal.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.switchboard.api.assistant.AssistantAction;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A webhook definition, checked: {@code url}, {@code timeoutMs}, {@code headers}, the fallback, and {@code partials}
 * (whether the words heard while the caller speaks are posted too).
 */
public record WebhookSettings(
        URI url,
        Duration timeout,
        Map<String, String> headers,
        String fallback,
        String fallbackMessage,
        String fallbackReason,
        Map<String, String> fallbackHeaders,
        boolean partials) {

    private static final Set<String> FIELDS = fields();

    private static Set<String> fields() {
        Set<String> f = new java.util.TreeSet<>(Set.of("type", "url", "timeoutMs", "headers", "partials"));
        f.addAll(Fallback.FIELDS);
        return Set.copyOf(f);
    }

    public static WebhookSettings parse(String json) {
        JsonObject o = Definitions.object(json, FIELDS);
        URI url = Definitions.url(o, "http", "https");
        long timeout = o.has("timeoutMs") ? o.get("timeoutMs").getAsLong() : 3000;
        if (timeout < 100 || timeout > 60_000) {
            throw new IllegalArgumentException("$.timeoutMs: must be 100-60000");
        }
        Fallback f = Fallback.parse(o);
        return new WebhookSettings(
                url,
                Duration.ofMillis(timeout),
                Fallback.stringMap(o, "headers"),
                f.mode(),
                f.message(),
                f.reason(),
                f.headers(),
                bool(o, "partials"));
    }

    private static boolean bool(JsonObject o, String name) {
        JsonElement v = o.get(name);
        if (v == null) {
            return false;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("$." + name + ": must be true or false");
        }
        return v.getAsBoolean();
    }

    /** The fallback's actions after the reason is recorded: the apology (if any), then the agent, hang-up or end. */
    public List<AssistantAction> fallbackActions() {
        return new Fallback(fallback, fallbackMessage, fallbackReason, fallbackHeaders).actions();
    }

    /** A JSON POST to {@code target} with this definition's timeout and headers. */
    public HttpRequest post(URI target, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return b.build();
    }

    /** What went wrong with a request that got no answer: its timeout, or the connection's failure. */
    public String problem(Throwable failure) {
        Throwable c = failure.getCause() != null ? failure.getCause() : failure;
        return c instanceof java.net.http.HttpTimeoutException
                ? "no answer within " + timeout.toMillis() + " ms"
                : "unreachable (" + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage())
                        + ")";
    }

    /**
     * The HTTP client the hook assistants share: HTTP/1.1, a 3 s connect timeout. It is built when the first
     * assistant is made, not when the bundle starts: building one initializes TLS (about 150 ms of the start).
     */
    public static HttpClient httpClient() {
        return SharedClient.CLIENT;
    }

    private static final class SharedClient {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Never shows header values: they may hold credentials. */
    @Override
    public String toString() {
        return "webhook " + url + " (timeout " + timeout.toMillis() + " ms, headers " + headers.keySet() + ")";
    }
}

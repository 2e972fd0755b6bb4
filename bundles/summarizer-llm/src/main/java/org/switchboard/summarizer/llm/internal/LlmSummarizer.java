package org.switchboard.summarizer.llm.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Summarizer;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Summarizer {@value #ID}: one chat-completions request per summary to the configured OpenAI-compatible endpoint.
 * Any failure (not configured, unreachable, timeout, non-2xx, an answer without text) is an exception that names it
 * without the key, and the summary service falls back to the built-in summarizer.
 */
@Component(
        configurationPid = LlmSummarizer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = Summarizer.SUMMARIZER_ID + "=" + LlmSummarizer.ID)
@Designate(ocd = LlmConfig.class)
public class LlmSummarizer implements Summarizer {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.summarizer.llm";
    /** This summarizer's id, the value a bot's summary setting names. */
    public static final String ID = "llm";

    private static final Logger LOG = LoggerFactory.getLogger(LlmSummarizer.class);
    private static final int MAX_ERROR_BODY = 200;

    private final LlmConfig config;
    private final URI endpoint;
    private final Clock clock;
    /** Built on the first summary, not at start: building a client initializes TLS (about 150 ms). */
    private HttpClient http;

    @Activate
    public LlmSummarizer(LlmConfig config) {
        this(config, Clock.systemUTC());
    }

    LlmSummarizer(LlmConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.endpoint = endpoint(config.url());
        check(config);
        if (endpoint == null) {
            LOG.info("LLM summarizer not configured (PID {}: url is empty); bots using it get built-in summaries", PID);
        } else {
            LOG.info("LLM summarizer using {} with model {}", endpoint, config.model());
        }
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(config.timeout_ms()))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    private static URI endpoint(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            return null;
        }
        if (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/v1")) {
            u += "/chat/completions";
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw fail("property 'url' = '" + url + "': not a URL (" + e.getMessage() + ")");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw fail("property 'url' = '" + url + "': must be an http:// or https:// URL");
        }
        if (uri.getUserInfo() != null) {
            throw fail("property 'url': put credentials in '.api.key', not in the URL");
        }
        return uri;
    }

    private static void check(LlmConfig c) {
        if (c.timeout_ms() < 100 || c.timeout_ms() > 120_000) {
            throw fail("property 'timeout.ms' = '" + c.timeout_ms() + "': must be between 100 and 120000");
        }
        if (c.max_tokens() < 16 || c.max_tokens() > 4096) {
            throw fail("property 'max.tokens' = '" + c.max_tokens() + "': must be between 16 and 4096");
        }
        if (c.temperature() < 0 || c.temperature() > 2) {
            throw fail("property 'temperature' = '" + c.temperature() + "': must be between 0 and 2");
        }
        if (c.max_transcript_chars() < 1000 || c.max_transcript_chars() > 200_000) {
            throw fail("property 'max.transcript.chars' = '" + c.max_transcript_chars()
                    + "': must be between 1000 and 200000");
        }
        if (c.model() == null || c.model().isBlank()) {
            throw fail("property 'model' is empty: name the model to use");
        }
    }

    private static IllegalArgumentException fail(String message) {
        String m = "PID " + PID + ": " + message;
        LOG.error(m);
        return new IllegalArgumentException(m);
    }

    @Override
    public Summary summarize(Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang)
            throws IOException, InterruptedException {
        if (endpoint == null) {
            throw new IllegalStateException("no url configured (PID " + PID + ")");
        }
        JsonObject request = new JsonObject();
        request.addProperty("model", config.model());
        JsonArray messages = new JsonArray();
        messages.add(message("system", SummaryPrompt.system(lang)));
        messages.add(message("user", SummaryPrompt.user(c, turns, events, config.max_transcript_chars())));
        request.add("messages", messages);
        request.addProperty("max_tokens", config.max_tokens());
        request.addProperty("temperature", config.temperature());
        request.addProperty("stream", false);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMillis(config.timeout_ms()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8));
        if (!config._api_key().isEmpty()) {
            b.header("Authorization", "Bearer " + config._api_key());
        }
        HttpResponse<String> response;
        try {
            response = http().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new IOException("no answer from " + endpoint + " within " + config.timeout_ms() + " ms");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    "HTTP " + response.statusCode() + " from " + endpoint + ": " + snippet(response.body()));
        }
        return new Summary(c.sessionId(), text(response.body()), lang, ID, clock.instant(), null);
    }

    private static JsonObject message(String role, String content) {
        JsonObject m = new JsonObject();
        m.addProperty("role", role);
        m.addProperty("content", content);
        return m;
    }

    /** {@code choices[0].message.content}, or an exception saying what the answer lacked. */
    static String text(String body) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(body).getAsJsonObject();
            JsonElement content = o.getAsJsonArray("choices")
                    .get(0)
                    .getAsJsonObject()
                    .getAsJsonObject("message")
                    .get("content");
            if (content == null
                    || !content.isJsonPrimitive()
                    || content.getAsString().isBlank()) {
                throw new IOException("the answer's choices[0].message.content is empty");
            }
            return content.getAsString().strip();
        } catch (RuntimeException e) {
            throw new IOException("the answer is not a chat completion (" + snippet(body) + ")");
        }
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.replaceAll("[\\p{Cc}]+", " ").strip();
        return s.length() > MAX_ERROR_BODY ? s.substring(0, MAX_ERROR_BODY) + "…" : s;
    }
}

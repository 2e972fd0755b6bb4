package org.switchboard.assistant.internal.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;

/**
 * A bot behind an HTTP endpoint: each turn is a POST of the turn request as JSON, answered with actions. When the
 * bot is slow (no answer within the timeout), down (no connection, a non-2xx status) or answers something that is
 * not a turn response, the turn takes the fallback: an optional apology, then an agent transfer (or a hang-up, or
 * back to the flow), with the reason in the context as {@code webhookError}.
 */
final class WebhookAssistant implements VirtualAssistant {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAssistant.class);

    private final String id;
    private final WebhookSettings settings;
    private final HttpClient client;

    WebhookAssistant(String id, WebhookSettings settings, HttpClient client) {
        this.id = id;
        this.settings = settings;
        this.client = client;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletionStage<TurnResponse> takeTurn(TurnRequest request) {
        HttpRequest post = settings.post(settings.url(), TurnCodec.request(request, id));
        return client.sendAsync(post, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            String problem;
            if (failure != null) {
                problem = settings.problem(failure);
            } else if (response.statusCode() / 100 != 2) {
                problem = "answered HTTP " + response.statusCode();
            } else {
                try {
                    return TurnCodec.response(response.body());
                } catch (IllegalArgumentException e) {
                    problem = "answered something that is not a turn response: " + e.getMessage();
                }
            }
            LOG.warn(
                    "Session {}: webhook assistant '{}' at {} {}; taking the fallback ({})",
                    request.sessionId(),
                    id,
                    settings.url(),
                    problem,
                    settings.fallback());
            return fallback(request, problem);
        });
    }

    @Override
    public boolean wantsPartials() {
        return settings.partials();
    }

    /**
     * Posts the words heard so far as a {@code partial} event; the answer is not waited for and anything it says is
     * ignored (the turn itself comes next, as an {@code utterance}). A failure is logged at debug level only: the
     * turn's own request reports an unreachable bot.
     */
    @Override
    public void partial(String sessionId, String text, Map<String, Object> context) {
        HttpRequest post = settings.post(settings.url(), TurnCodec.partial(sessionId, id, text, context));
        client.sendAsync(post, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug(
                        "Session {}: partial result not delivered to webhook assistant '{}': {}",
                        sessionId,
                        id,
                        e.toString());
            }
        });
    }

    private TurnResponse fallback(TurnRequest request, String problem) {
        List<AssistantAction> actions = new ArrayList<>();
        actions.add(new AssistantAction.SetContext(Map.of("webhookError", problem)));
        if (request.event() == TurnRequest.Event.HANGUP) {
            return new TurnResponse(actions, request.context(), null);
        }
        actions.addAll(settings.fallbackActions());
        Map<String, Object> ctx = new LinkedHashMap<>(request.context());
        ctx.put("webhookError", problem);
        return new TurnResponse(actions, ctx, null);
    }
}

package org.switchboard.assistant.internal.websocket;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.assistant.AssistantAction;
import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.api.call.CallControl;
import org.switchboard.assistant.internal.jambonz.CallHooks;

import com.google.gson.JsonObject;

/**
 * A bot behind a WebSocket audio bridge ({@code "type": "websocket"}): for each call it connects (subprotocol
 * {@code audio.jambonz.org}), sends the call's attributes with the sample rate and metadata, and streams audio both
 * ways until the bot ends the conversation ({@link Bridge}). A bot that cannot be reached or fails takes the fallback
 * (an apology, then an agent), with the reason in the context as {@code websocketError}.
 */
final class WebSocketAssistant implements VirtualAssistant {

    static final String SUBPROTOCOL = "audio.jambonz.org";
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketAssistant.class);

    private final String id;
    private final WebSocketSettings settings;
    private final HttpClient client;
    private final ScheduledExecutorService timer;

    WebSocketAssistant(String id, WebSocketSettings settings, HttpClient client, ScheduledExecutorService timer) {
        this.id = id;
        this.settings = settings;
        this.client = client;
        this.timer = timer;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean holdsConversation() {
        return true;
    }

    @Override
    public CompletionStage<TurnResponse> converse(TurnRequest start, CallControl call) {
        Bridge bridge = new Bridge(settings, call);
        WebSocket.Builder b = client.newWebSocketBuilder()
                .connectTimeout(settings.connectTimeout())
                .subprotocols(SUBPROTOCOL);
        settings.headers().forEach(b::header);
        CompletableFuture<WebSocket> connected;
        try {
            CompletableFuture<WebSocket> opening = b.buildAsync(settings.url(), bridge);
            // a handshake that completes after the time allowed finds the conversation over: drop the socket
            opening.thenAccept(ws -> bridge.done().whenComplete((o, e) -> {
                if (!ws.isOutputClosed() && o != null && o.failure() != null) {
                    ws.abort();
                }
            }));
            connected = opening.copy().orTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            connected = CompletableFuture.failedFuture(e);
        }
        connected.whenComplete((ws, e) -> {
            if (e != null) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                bridge.fail(
                        // our timer or the client's own, whichever fires first
                        c instanceof java.util.concurrent.TimeoutException
                                        || c instanceof java.net.http.HttpTimeoutException
                                ? "did not answer the connection within "
                                        + settings.connectTimeout().toMillis() + " ms"
                                : "unreachable (" + c.getClass().getSimpleName()
                                        + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")");
            } else {
                bridge.start(ws, startMessage(start), timer);
            }
        });
        return bridge.done().thenApply(outcome -> response(start, outcome));
    }

    private JsonObject startMessage(TurnRequest start) {
        JsonObject o = CallHooks.newCall(start, id);
        o.addProperty("sampleRate", settings.sampleRate());
        o.addProperty("mixType", "mono");
        o.addProperty("encoding", "L16");
        settings.metadata().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return o;
    }

    private TurnResponse response(TurnRequest start, Bridge.Outcome outcome) {
        Map<String, Object> context = new LinkedHashMap<>(start.context());
        context.putAll(outcome.context());
        if (outcome.failure() == null) {
            return new TurnResponse(Bridge.actions(outcome), context, null);
        }
        String problem = "WebSocket bot " + settings.url() + " " + outcome.failure();
        LOG.warn(
                "Session {}: assistant '{}': {}; taking the fallback ({})",
                start.sessionId(),
                id,
                org.switchboard.util.log.LogText.escape(problem),
                settings.fallback().mode());
        context.put("websocketError", problem);
        List<AssistantAction> actions = new ArrayList<>();
        actions.add(new AssistantAction.SetContext(Map.of("websocketError", problem)));
        actions.addAll(settings.fallback().actions());
        return new TurnResponse(actions, context, null);
    }

    /** The bridge needs the call's audio: a turn on its own is not a conversation. */
    @Override
    public CompletionStage<TurnResponse> takeTurn(TurnRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "assistant '" + id + "' is a WebSocket audio bridge: it holds whole conversations, not turns"));
    }
}

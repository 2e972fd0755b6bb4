package org.switchboard.assistant.llm.internal;

import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.assistant.TurnResponse;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.api.call.CallControl;

/** An LLM behind an OpenAI-compatible chat-completions endpoint, holding each call's conversation itself. */
final class LlmAssistant implements VirtualAssistant {

    private final String id;
    private final LlmSettings settings;
    private final HttpClient client;
    private final Tools tools;

    LlmAssistant(String id, LlmSettings settings, HttpClient client) {
        this.id = id;
        this.settings = settings;
        this.client = client;
        this.tools = new Tools(settings.tools(), client);
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
        return new LlmConversation(id, settings, tools, client, call, start).start();
    }

    /** The model speaks while it streams, which a single turn's answer cannot do. */
    @Override
    public CompletionStage<TurnResponse> takeTurn(TurnRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "assistant '" + id + "' holds whole conversations, not single turns"));
    }
}

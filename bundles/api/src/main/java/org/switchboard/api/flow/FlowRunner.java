package org.switchboard.api.flow;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.api.call.CallControl;
import org.switchboard.api.conversation.ConversationEvent;

/**
 * Runs a flow on a live call. Registered by the flow bundle beside the {@link FlowRegistry}; the SIP bundle starts
 * one run per answered call, after the ACK.
 */
@ProviderType
public interface FlowRunner {

    /**
     * Starts {@code flowId} on {@code call}. Never blocks: the run proceeds on the runner's threads.
     *
     * @param flowId a flow of the current workspace, normally the one the call resolved to
     * @param call the call the flow drives
     * @param events receives every step of the run ({@code flow.node}, {@code flow.error}, {@code flow.finished}, ...)
     * @return completes with how the flow ended ({@code transfer}, {@code hangup}, {@code caller}, or
     *         {@code error: ...}); it completes (never fails) even when the flow no longer exists, after ending the
     *         call
     */
    CompletionStage<String> run(String flowId, CallControl call, Consumer<ConversationEvent> events);
}

package org.switchboard.api.assistant;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bot that holds a dialogue one turn at a time: the built-in app, a webhook to an external bot, or any other
 * implementation. Registered as an OSGi service with the property {@value #ASSISTANT_ID}; a flow's automation
 * node names the id it wants and the flow runtime tracks the services with a dynamic reference.
 *
 * <p>Implemented by assistant bundles.
 */
@ConsumerType
public interface VirtualAssistant {

    /** The service property with the assistant's id, as a flow's automation node names it. */
    String ASSISTANT_ID = "assistant.id";

    /** The assistant's id; equal to its {@value #ASSISTANT_ID} property. */
    String id();

    /**
     * Takes one turn. Must not block the calling thread; a stage that does not complete within the flow's turn
     * timeout is treated as a failed turn.
     */
    CompletionStage<TurnResponse> takeTurn(TurnRequest request);

    /**
     * Whether this assistant wants the words heard while the caller is still speaking ({@link #partial}); asked at
     * each question.
     *
     * @since 1.3
     */
    default boolean wantsPartials() {
        return false;
    }

    /**
     * The words heard so far in the caller's current turn (a partial result, sent when it changes), so that the bot
     * can prepare an answer before the turn ends. Must not block; the turn itself still comes to {@link #takeTurn}.
     *
     * @param sessionId the conversation
     * @param text the words so far, lower case
     * @param context the dialogue's context as of the question
     * @since 1.3
     */
    default void partial(String sessionId, String text, java.util.Map<String, Object> context) {}

    /**
     * Whether this assistant holds the whole conversation itself ({@link #converse}) instead of one turn at a time: an
     * audio bridge to an external bot, or a bot that speaks while it is still working out what to say.
     *
     * @since 1.4
     */
    default boolean holdsConversation() {
        return false;
    }

    /**
     * Holds the conversation through the call (its audio stream, or its prompts and gathers) and completes, when the
     * bot is done, with the actions that
     * end it (context to set, then a {@link AssistantAction.Transfer}, {@link AssistantAction.Hangup} or
     * {@link AssistantAction.End}), carried out by the flow as a turn's actions are. Completes exceptionally when the
     * bot fails (the flow takes its failure path). Asked only when {@link #holdsConversation()}; must not block.
     *
     * @param start the conversation's start: session, context and the call's parties
     * @param call the call, to speak, listen or stream on
     * @since 1.4
     */
    default CompletionStage<TurnResponse> converse(TurnRequest start, org.switchboard.api.call.CallControl call) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedOperationException("assistant '" + id() + "' does not hold conversations"));
    }

    /**
     * Whether this assistant takes a turn with the outcome of the transfers it asks for (carried out by the call,
     * not by a flow's {@code agent} edge): {@link TurnRequest.Event#TRANSFERRED} when it went through,
     * {@link TurnRequest.Event#TRANSFER_FAILED} when it did not, and the dialogue goes on with the answer. Otherwise a
     * failed transfer takes the flow's error path.
     *
     * @since 1.4
     */
    default boolean followsTransfers() {
        return false;
    }

    /** The phrases this assistant expects next in {@code context}, for a recognizer grammar; empty for free-form. */
    default java.util.List<String> expectedPhrases(java.util.Map<String, Object> context) {
        return java.util.List.of();
    }
}

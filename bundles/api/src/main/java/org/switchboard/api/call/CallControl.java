package org.switchboard.api.call;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The control surface of one live call. The SIP bundle creates one per answered call and hands it to the flow
 * runtime; flows, scripts and assistants drive a call only through it. It is not registered as a service.
 *
 * <p>All operations are asynchronous and never block the caller's thread; a stage completes exceptionally with
 * {@link IllegalStateException} once the call has ended.
 */
@ProviderType
public interface CallControl {

    /** The session this call belongs to, with a snapshot of its variables. */
    SessionContext session();

    /** Whether the call is still up (no BYE sent or received). */
    boolean isActive();

    /** Sets a flow variable visible to later nodes, header templates and the summary. */
    void setVariable(String name, Object value);

    /** Synthesizes {@code text} in the default voice and plays it; completes when playback ends or is barged in. */
    default CompletionStage<Void> say(String text, boolean bargeIn) {
        return say(text, null, bargeIn);
    }

    /**
     * Synthesizes {@code text} in {@code voice} and plays it; completes when playback ends or is barged in, and
     * exceptionally with {@link IllegalArgumentException} when no installed synthesizer has that voice.
     *
     * @param voice a voice one of the synthesizers lists in {@code speech.voices}, or {@code null} for the default
     * @since 1.1
     */
    CompletionStage<Void> say(String text, String voice, boolean bargeIn);

    /**
     * Plays an audio resource (WAV 8/16 kHz or G.711, or {@code silence:<ms>} for a pause); completes when playback
     * ends or is barged in.
     */
    CompletionStage<Void> play(URI audio, boolean bargeIn);

    /**
     * Sends DTMF digits to the caller as RFC 4733 events; completes once they are queued, exceptionally when the call
     * has no media. Digits the peer did not negotiate telephone-event for are not sent.
     *
     * @since 1.4
     */
    default CompletionStage<Void> sendDtmf(String digits) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedOperationException("this call cannot send DTMF"));
    }

    /**
     * Stops the prompt playing and drops the ones queued after it; their stages complete as done.
     *
     * @since 1.4
     */
    default void abortPrompts() {}

    /** Prompts (optionally) and collects digits and/or speech. */
    CompletionStage<GatherResult> gather(GatherRequest request);

    /**
     * {@link #gather(GatherRequest)}, with the words heard so far while the caller speaks: {@code partials} gets each
     * new partial result (on a media thread: it must return quickly). This default reports none.
     *
     * @since 1.6
     */
    default CompletionStage<GatherResult> gather(GatherRequest request, java.util.function.Consumer<String> partials) {
        return gather(request);
    }

    /**
     * Opens the call's audio to an external bot ({@link org.switchboard.api.media.MediaSession#stream}); completes exceptionally when the call
     * has no media or has ended.
     *
     * @since 1.7
     */
    default CompletionStage<org.switchboard.api.media.AudioStream> stream(
            org.switchboard.api.media.AudioStream.Listener listener) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedOperationException("this call cannot stream audio"));
    }

    /**
     * Records a turn of the conversation that the call itself did not hear or say (an external bot's transcript of a
     * streamed conversation): the caller's words when {@code fromCaller}, else the bot's. Blank text is ignored.
     *
     * @since 1.7
     */
    default void recordTurn(boolean fromCaller, String text) {}

    /** Hands the call back to the contact center by BYE with headers or by REFER, exactly as given. */
    CompletionStage<TransferResult> transfer(Handoff handoff);

    /**
     * Hands the caller to a human agent the way the call's contact-center adapter does it (for ZCC: a BYE with
     * {@code kore-reason: TransferToAgent}, or a REFER when a target is given or configured).
     *
     * @param method {@link Handoff.Method#BYE} or {@link Handoff.Method#REFER} as the flow demands, or {@code null} for
     *        the adapter's configured method (a REFER when a target is given)
     * @param target a REFER target (a number or SIP URI), or {@code null} for the adapter's configured one
     * @param headers extra headers (values may be templates over the session), added after the adapter's own
     */
    CompletionStage<TransferResult> agentTransfer(Handoff.Method method, String target, Map<String, String> headers);

    /** Ends the call from the bot side with a BYE carrying {@code headers} (and the adapter's own). */
    CompletionStage<Void> hangup(Map<String, String> headers);
}

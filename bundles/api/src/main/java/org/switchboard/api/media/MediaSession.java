package org.switchboard.api.media;

import java.net.URI;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;

/**
 * The audio of one call: an RTP endpoint with prompt playback, DTMF in and out, and gathers. Operations never
 * block; stages complete on media threads. After {@link #close()} every pending stage completes (playback as
 * done, a gather with {@link GatherResult.Outcome#HANGUP}).
 */
@ProviderType
public interface MediaSession extends AutoCloseable {

    /** The bound local RTP port. */
    int localPort();

    /**
     * Starts (or, on a re-INVITE, changes) the stream to the peer. Packets are sent to where the peer's packets
     * come from once they arrive (symmetric RTP).
     *
     * @param remoteAddress the peer's address from the SDP
     * @param remotePort the peer's RTP port from the SDP
     * @param payloadType the negotiated G.711 payload type
     * @param codec {@code PCMU} or {@code PCMA}
     * @param dtmfPayloadType the telephone-event payload type, or -1 when not negotiated
     */
    void connect(String remoteAddress, int remotePort, int payloadType, String codec, int dtmfPayloadType);

    /**
     * Like {@link #connect(String, int, int, String, int)}, over SRTP when {@code srtp} is not {@code null}: every
     * packet sent is encrypted and authenticated, and every packet received must authenticate (plain RTP and
     * replays are dropped). Reconnecting with the same local key keeps the sending context (no keystream reuse).
     *
     * @param srtp the negotiated keys, or {@code null} for plain RTP
     * @throws UnsupportedOperationException when this media engine has no SRTP and {@code srtp} is given
     * @since 1.2
     */
    default void connect(
            String remoteAddress,
            int remotePort,
            int payloadType,
            String codec,
            int dtmfPayloadType,
            SrtpParameters srtp) {
        if (srtp != null) {
            throw new UnsupportedOperationException("this media engine does not do SRTP");
        }
        connect(remoteAddress, remotePort, payloadType, codec, dtmfPayloadType);
    }

    /** Synthesizes and plays {@code text} in the default voice; completes when it ends or is barged in. */
    default CompletionStage<Void> say(String text, boolean bargeIn) {
        return say(text, null, bargeIn);
    }

    /**
     * Synthesizes and plays {@code text} in {@code voice} ({@code null}: the default); completes when it ends or is
     * barged in, exceptionally with {@link IllegalArgumentException} when no synthesizer has that voice.
     *
     * @since 1.1
     */
    CompletionStage<Void> say(String text, String voice, boolean bargeIn);

    /**
     * Plays a WAV (8 or 16 kHz, 16-bit PCM or G.711) or raw G.711 file, or {@code silence:<ms>} (a pause of that many
     * milliseconds); completes when it ends or is barged in.
     */
    CompletionStage<Void> play(URI audio, boolean bargeIn);

    /** Prompts (optionally) and collects DTMF and/or speech. */
    CompletionStage<GatherResult> gather(GatherRequest request);

    /**
     * {@link #gather(GatherRequest)}, reporting each new partial result (the words heard so far, when they change) to
     * {@code partials}, off the media threads. This default reports none.
     *
     * @since 1.4
     */
    default CompletionStage<GatherResult> gather(GatherRequest request, java.util.function.Consumer<String> partials) {
        return gather(request);
    }

    /**
     * Stops the prompt playing and drops the ones queued after it, bargeable or not; their stages complete as done.
     * Nothing by default.
     *
     * @since 1.3
     */
    default void abortPrompts() {}

    /**
     * Opens the call's audio to an external bot (a WebSocket audio bridge): the caller's audio, digits and speech
     * changes go to {@code listener}; what the bot sends is played through the returned stream. One stream at a time:
     * opening another closes the first.
     *
     * @throws UnsupportedOperationException when this media engine cannot stream
     * @since 1.5
     */
    default AudioStream stream(AudioStream.Listener listener) {
        throw new UnsupportedOperationException("this media engine cannot stream audio");
    }

    /** Sends DTMF digits as RFC 4733 events (when negotiated). */
    void sendDtmf(String digits);

    /** A DTMF digit that arrived by other means (SIP INFO), treated like one from RTP. */
    void injectDtmf(char digit, int durationMs);

    /** Counters for this session. */
    MediaStats stats();

    /** Stops the stream and releases the socket. */
    @Override
    void close();
}

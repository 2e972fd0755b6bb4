package org.switchboard.api.media;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A call's audio opened to an external bot: what the caller says comes to the {@link Listener} as it arrives, and the
 * bot's audio is queued and played in order after any prompt, with marks that report when playout reaches them and a
 * {@link #clear()} that drops what is queued (the bot's barge-in). Audio is 16-bit linear PCM at 8 kHz, mono.
 *
 * @since 1.5
 */
@ProviderType
public interface AudioStream extends AutoCloseable {

    /** Queues {@code samples} (8 kHz, mono) to play after what is queued; ignored once closed. */
    void play(short[] samples);

    /**
     * Marks the end of what is queued now: {@link Listener#marked(String, boolean)} reports {@code name} when playout
     * reaches it, or when {@link #clear()} or {@link #close()} drops it first.
     */
    void mark(String name);

    /** Drops the queued audio (including the frame playing) and reports the marks still pending as cleared. */
    void clear();

    /** Milliseconds of bot audio queued and not yet played. */
    long queuedMillis();

    /** Stops the stream: the listener hears no more and pending marks are reported as cleared. Idempotent. */
    @Override
    void close();

    /** What the call tells the bot's side of a stream. Called on media threads: every method must return quickly. */
    @ConsumerType
    interface Listener {

        /** The caller's audio: {@code length} samples (8 kHz, mono) of {@code samples}, which is reused after. */
        void heard(short[] samples, int length);

        /** Playout reached the mark {@code name}, or ({@code cleared}) it was dropped before it played. */
        void marked(String name, boolean cleared);

        /** The caller pressed a key (RFC 4733 or SIP INFO). */
        default void digit(char digit) {}

        /** The caller started ({@code true}) or stopped speaking, as the energy detector hears it. */
        default void speech(boolean started) {}
    }
}

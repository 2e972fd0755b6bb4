package org.switchboard.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One utterance-recognition stream. Implemented by speech bundles; created by
 * {@link SpeechRecognizer#open(java.util.List, RecognitionListener)}.
 */
@ConsumerType
public interface RecognitionSession extends AutoCloseable {

    /** Feeds 8 kHz 16-bit samples; must return quickly (recognition runs on the recognizer's own pool). */
    void feed(short[] samples, int offset, int length);

    /**
     * Ends the utterance now, for a caller whose turn is over before the recognizer's own end of utterance: the
     * recognizer delivers a final result for the audio fed so far (after any audio still waiting to be decoded).
     * Must return quickly.
     *
     * @return whether a final result will follow; {@code false} (this default) when the recognizer cannot end an
     *     utterance early, and the caller goes on with the last partial result
     * @since 1.2
     */
    default boolean finish() {
        return false;
    }

    /** Stops recognition and releases resources; no result is delivered afterwards. */
    @Override
    void close();
}

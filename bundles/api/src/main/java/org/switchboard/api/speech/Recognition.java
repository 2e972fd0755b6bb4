package org.switchboard.api.speech;

/**
 * A recognized utterance, or the words heard so far.
 *
 * @param text the words heard, lower case; empty when nothing intelligible was heard
 * @param confidence in {@code [0, 1]}
 * @param isFinal {@code true} at the end of an utterance, {@code false} for a partial result
 * @param audioMs how much of the stream's audio (milliseconds fed since the session opened) this result covers, or
 *     {@code -1} when the recognizer does not say (since 1.2)
 */
public record Recognition(String text, double confidence, boolean isFinal, long audioMs) {

    /** A result that does not say how much audio it covers. */
    public Recognition(String text, double confidence, boolean isFinal) {
        this(text, confidence, isFinal, -1);
    }
}

package org.switchboard.api.call;

/**
 * What a gather heard.
 *
 * @param outcome how the gather ended
 * @param digits the DTMF digits entered (without the terminator), or {@code null}
 * @param text the recognized utterance, or {@code null}
 * @param confidence the recognizer's confidence in {@code [0, 1]}; 1 for DTMF
 */
public record GatherResult(Outcome outcome, String digits, String text, double confidence) {

    /** How a gather ended. */
    public enum Outcome {
        /** Input arrived (digits or an utterance). */
        MATCH,
        /** Nothing arrived before the no-input timeout. */
        NO_INPUT,
        /** Input arrived but did not match what was expected. */
        NO_MATCH,
        /** The caller hung up while the gather was listening. */
        HANGUP
    }
}

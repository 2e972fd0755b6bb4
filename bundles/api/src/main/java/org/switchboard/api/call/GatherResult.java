package org.switchboard.api.call;

import java.time.Duration;

/**
 * What a gather heard.
 *
 * @param outcome how the gather ended
 * @param digits the DTMF digits entered (without the terminator), or {@code null}
 * @param text the recognized utterance, or {@code null}
 * @param confidence the recognizer's confidence in {@code [0, 1]}; 1 for DTMF
 * @param endpoint what ended the caller's turn (since 1.6)
 * @param afterSpeech from the end of the caller's last voiced audio to the end of the gather, or {@code null} when
 *     no speech was heard (since 1.6)
 */
public record GatherResult(
        Outcome outcome, String digits, String text, double confidence, Endpoint endpoint, Duration afterSpeech) {

    /** A result without turn details: the endpoint follows from the outcome and the input. */
    public GatherResult(Outcome outcome, String digits, String text, double confidence) {
        this(outcome, digits, text, confidence, null, null);
    }

    /** Fills a missing endpoint from the outcome and the input. */
    public GatherResult {
        if (endpoint == null) {
            endpoint = switch (outcome) {
                case NO_INPUT -> Endpoint.TIMEOUT;
                case HANGUP -> Endpoint.HANGUP;
                default -> digits != null ? Endpoint.KEYPAD : text != null ? Endpoint.RECOGNIZER : Endpoint.TIMEOUT;
            };
        }
    }

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

    /** What ended the caller's turn (since 1.6). */
    public enum Endpoint {
        /** A complete phrase of the grammar followed by the commit silence. */
        PHRASE,
        /** Words followed by the end silence. */
        SILENCE,
        /** The recognizer's own end of utterance. */
        RECOGNIZER,
        /** DTMF: the last digit, the terminator or the inter-digit timeout. */
        KEYPAD,
        /** A timeout: no input, or speech too long. */
        TIMEOUT,
        /** The caller hung up. */
        HANGUP
    }
}

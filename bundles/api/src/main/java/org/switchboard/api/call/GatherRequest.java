package org.switchboard.api.call;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a gather collects from the caller: DTMF digits, speech, or both at once.
 *
 * @param prompt text to say before listening, or {@code null}
 * @param bargeIn whether caller input stops the prompt
 * @param dtmf collect DTMF digits
 * @param maxDigits stop after this many digits (at least 1 when {@code dtmf})
 * @param terminator the digit that ends entry early (e.g. {@code "#"}), or {@code null}
 * @param speech collect speech
 * @param phrases phrase hints (a grammar) for the recognizer; empty for free-form
 * @param noInputTimeout how long to wait for the first input once the prompt has ended (without a prompt: once the
 *     prompts already queued on the call have ended)
 * @param interDigitTimeout how long to wait between digits
 * @param voice the prompt's voice, or {@code null} for the synthesizer's default (since 1.1)
 * @param turn when the caller's turn ends and how the prompt yields to the caller, or {@code null} for the media
 *     engine's defaults (since 1.6)
 */
public record GatherRequest(
        String prompt,
        boolean bargeIn,
        boolean dtmf,
        int maxDigits,
        String terminator,
        boolean speech,
        List<String> phrases,
        Duration noInputTimeout,
        Duration interDigitTimeout,
        String voice,
        TurnTaking turn) {

    /** A gather with the media engine's turn-taking defaults. */
    public GatherRequest(
            String prompt,
            boolean bargeIn,
            boolean dtmf,
            int maxDigits,
            String terminator,
            boolean speech,
            List<String> phrases,
            Duration noInputTimeout,
            Duration interDigitTimeout,
            String voice) {
        this(
                prompt,
                bargeIn,
                dtmf,
                maxDigits,
                terminator,
                speech,
                phrases,
                noInputTimeout,
                interDigitTimeout,
                voice,
                TurnTaking.DEFAULTS);
    }

    /** A gather whose prompt is said in the default voice. */
    public GatherRequest(
            String prompt,
            boolean bargeIn,
            boolean dtmf,
            int maxDigits,
            String terminator,
            boolean speech,
            List<String> phrases,
            Duration noInputTimeout,
            Duration interDigitTimeout) {
        this(prompt, bargeIn, dtmf, maxDigits, terminator, speech, phrases, noInputTimeout, interDigitTimeout, null);
    }

    /** Checks that something is collected and copies the phrases. */
    public GatherRequest {
        if (!dtmf && !speech) {
            throw new IllegalArgumentException("a gather collects DTMF, speech or both");
        }
        if (dtmf && maxDigits < 1) {
            throw new IllegalArgumentException("maxDigits must be at least 1, was " + maxDigits);
        }
        Objects.requireNonNull(noInputTimeout, "noInputTimeout");
        Objects.requireNonNull(interDigitTimeout, "interDigitTimeout");
        phrases = phrases == null ? List.of() : List.copyOf(phrases);
        turn = turn == null ? TurnTaking.DEFAULTS : turn;
    }
}

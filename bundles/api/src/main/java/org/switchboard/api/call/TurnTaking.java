package org.switchboard.api.call;

import java.time.Duration;

/**
 * How a gather decides that the caller's turn is over, and how a prompt yields to the caller. Each setting may be
 * {@code null}: the media engine's configured default applies.
 *
 * @param commitSilence silence after a partial result that is a complete phrase of the gather's grammar (one of its
 *     phrases that no other phrase extends, or as many digit words as the gather's {@code maxDigits}) that ends the
 *     turn at once; zero waits for the recognizer's own end of utterance
 * @param endSilence silence after any other words heard (free-form speech, a phrase still open) that ends the turn;
 *     zero waits for the recognizer's own end of utterance
 * @param resumeWindow when the caller's sound interrupts a bargeable prompt, the prompt pauses for up to this long;
 *     it stops for good when words are recognized (or, with no recognizer listening, when the sound lasts this long)
 *     and resumes where it paused otherwise (a cough, "uh-huh", line noise); zero stops it at the first sound
 * @since 1.6
 */
public record TurnTaking(Duration commitSilence, Duration endSilence, Duration resumeWindow) {

    /** Every setting from the media engine's configuration. */
    public static final TurnTaking DEFAULTS = new TurnTaking(null, null, null);

    /** Checks that no setting is negative. */
    public TurnTaking {
        check(commitSilence, "commitSilence");
        check(endSilence, "endSilence");
        check(resumeWindow, "resumeWindow");
    }

    private static void check(Duration d, String name) {
        if (d != null && d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d.toMillis() + " ms");
        }
    }
}

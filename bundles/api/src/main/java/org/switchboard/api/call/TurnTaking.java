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
 * @param resumeWindow when the caller's sound interrupts a bargeable prompt, the prompt pauses: it stops for good
 *     when words are recognized, and resumes where it paused when the sound ends without words (a cough, "uh-huh",
 *     line noise) within this window; sound that goes on past it stops the prompt when no recognizer listens, and
 *     keeps it paused (for at most three windows) while one does; zero stops the prompt at the first sound
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

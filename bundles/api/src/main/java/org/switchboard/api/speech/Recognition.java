package org.switchboard.api.speech;

/**
 * A recognized utterance.
 *
 * @param text the words heard, lower case; empty when nothing intelligible was heard
 * @param confidence in {@code [0, 1]}
 * @param isFinal {@code true} at the end of an utterance, {@code false} for a partial result
 */
public record Recognition(String text, double confidence, boolean isFinal) {}

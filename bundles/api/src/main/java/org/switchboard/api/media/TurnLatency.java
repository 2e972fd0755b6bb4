package org.switchboard.api.media;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the caller waited for an answer: from the end of their speech to the first RTP packet of the prompt
 * that answers it, by stage.
 *
 * @param endpoint what ended the caller's turn, lower case: {@code phrase}, {@code silence}, {@code recognizer}
 * @param recognition from the end of the caller's voiced audio to the end of the turn
 * @param assistant from the end of the turn to the answer's prompt being requested (the flow and the assistant)
 * @param synthesis from the request to the prompt's audio being ready (zero when cached)
 * @param playout from the audio being ready to its first RTP packet
 * @since 1.4
 */
public record TurnLatency(
        String endpoint, Duration recognition, Duration assistant, Duration synthesis, Duration playout) {

    /** Checks that every stage is given. */
    public TurnLatency {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(recognition, "recognition");
        Objects.requireNonNull(assistant, "assistant");
        Objects.requireNonNull(synthesis, "synthesis");
        Objects.requireNonNull(playout, "playout");
    }

    /** From the end of the caller's speech to the answer's first packet: the sum of the stages. */
    public Duration total() {
        return recognition.plus(assistant).plus(synthesis).plus(playout);
    }
}

package org.switchboard.api.media;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/** What a {@link MediaSession} reports to the call that owns it, on a media thread: return quickly. */
@ConsumerType
public interface MediaEvents {

    /** A DTMF digit ({@code 0-9}, {@code *}, {@code #}, {@code A-D}) ended after {@code durationMs}. */
    void dtmf(char digit, int durationMs);

    /** No RTP arrived for {@code silence}: the call should end. Reported once. */
    void mediaTimeout(Duration silence);

    /**
     * The session's audio (both directions) is being recorded to {@code file}, from now on. Reported once, when
     * the first frame is written; never when recording is off.
     *
     * @since 1.1
     */
    default void recording(String file) {}

    /**
     * The first packet of the prompt that answers the caller's last spoken turn went out: how long the caller
     * waited, by stage. Reported once per answered turn.
     *
     * @since 1.4
     */
    default void turnAnswered(TurnLatency latency) {}
}

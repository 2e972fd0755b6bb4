package org.switchboard.api.speech;

import java.util.Objects;

/**
 * Mono 16-bit linear PCM audio.
 *
 * @param sampleRate samples per second (8000 for telephone audio)
 * @param samples the samples; callers must not modify the array
 */
public record Audio(int sampleRate, short[] samples) {

    /** Checks the rate and presence of samples. */
    public Audio {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
        }
        Objects.requireNonNull(samples, "samples");
    }

    /** The duration in milliseconds. */
    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }
}

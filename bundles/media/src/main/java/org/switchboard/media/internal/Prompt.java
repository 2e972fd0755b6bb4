package org.switchboard.media.internal;

import java.util.concurrent.CompletableFuture;

/** One prompt in a session's playback queue: samples arrive when synthesized or loaded; played 160 at a time. */
final class Prompt {

    final boolean bargeIn;
    final String label;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final long requestedNanos = System.nanoTime();
    private volatile short[] samples;
    private volatile long readyNanos;
    private int position;

    Prompt(boolean bargeIn, String label) {
        this.bargeIn = bargeIn;
        this.label = label;
    }

    void ready(short[] audio) {
        readyNanos = System.nanoTime();
        samples = audio;
    }

    /** When the audio was ready (synthesized or loaded). */
    long readyNanos() {
        return readyNanos;
    }

    /** Whether no frame was played yet. */
    boolean unstarted() {
        return position == 0;
    }

    boolean isReady() {
        return samples != null;
    }

    /** Copies the next frame into {@code frame} (silence past the end). */
    void next(short[] frame) {
        short[] s = samples;
        int n = Math.max(0, Math.min(frame.length, s.length - position));
        System.arraycopy(s, position, frame, 0, n);
        java.util.Arrays.fill(frame, n, frame.length, (short) 0);
        position += n;
    }

    boolean finished() {
        short[] s = samples;
        return s != null && position >= s.length;
    }
}

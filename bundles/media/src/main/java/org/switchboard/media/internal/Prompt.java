package org.switchboard.media.internal;

import java.util.concurrent.CompletableFuture;

/** One prompt in a session's playback queue: samples arrive when synthesized or loaded; played 160 at a time. */
final class Prompt {

    final boolean bargeIn;
    final String label;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile short[] samples;
    private int position;

    Prompt(boolean bargeIn, String label) {
        this.bargeIn = bargeIn;
        this.label = label;
    }

    void ready(short[] audio) {
        samples = audio;
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

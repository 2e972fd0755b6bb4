package org.switchboard.media.internal.audio;

/**
 * Keeps the bot's own echo from counting as the caller's speech (a double-talk detector after Geigel's): while a
 * prompt plays, the caller's audio counts as speech only when it is louder than the loudest frame the gateway sent
 * over the echo path's span, less a margin (the least echo return loss a line is assumed to have). Echo from a line
 * that returns the prompt at least the margin weaker stays below; a caller talking over the prompt is heard in its
 * quieter stretches and over it when louder. One writer (the pacer) and one reader (the receiver); a reader may see a
 * frame's level late, which only widens the span.
 */
public final class EchoGate {

    /** Frames of sent audio the echo of which may still arrive: 400 ms of round trip and line delay. */
    static final int SPAN = 20;

    private final double marginDb;
    private final double[] sent = new double[SPAN];
    private int next;

    /** @param marginDb how much weaker than the prompt the echo is assumed to be at most; 0 turns the gate off */
    public EchoGate(double marginDb) {
        this.marginDb = marginDb;
        java.util.Arrays.fill(sent, -96);
    }

    /** A frame was sent: its level in dBFS (-96 for silence). */
    public synchronized void sent(double levelDb) {
        sent[next] = levelDb;
        next = (next + 1) % SPAN;
    }

    /** The level (dBFS) the caller's audio must exceed to count as speech now; -96 when the gate is open. */
    public synchronized double minimumDb() {
        if (marginDb <= 0) {
            return -96;
        }
        double loudest = -96;
        for (double d : sent) {
            loudest = Math.max(loudest, d);
        }
        return loudest <= -90 ? -96 : loudest - marginDb;
    }
}

package org.switchboard.media.internal.rtp;

/**
 * Turns a stream of RFC 4733 packets into digits: one digit per event (identified by its RTP timestamp), reported
 * when its end packet first arrives (the end packet is sent three times; the copies are ignored), or when a new
 * event starts before the previous one's end arrived (all its end packets lost). Not thread-safe.
 */
public final class DtmfReceiver {

    /** Where digits go. */
    public interface Sink {
        void digit(char digit, int durationMs);
    }

    private final Sink sink;
    private long current = -1;
    private int currentEvent = -1;
    private int currentDuration;
    private boolean reported;

    public DtmfReceiver(Sink sink) {
        this.sink = sink;
    }

    /** Takes one telephone-event packet with its RTP timestamp. */
    public void accept(long timestamp, TelephoneEvent e) {
        if (timestamp != current) {
            if (current != -1 && !reported && currentEvent >= 0) {
                sink.digit(new TelephoneEvent(currentEvent, true, 0, 0).digit(), currentDuration / 8);
            }
            current = timestamp;
            currentEvent = e.event();
            currentDuration = e.duration();
            reported = false;
        } else {
            currentDuration = Math.max(currentDuration, e.duration());
        }
        if (e.end() && !reported) {
            reported = true;
            sink.digit(e.digit(), currentDuration / 8);
        }
    }
}

package org.switchboard.media.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import org.switchboard.api.media.AudioStream;
import org.switchboard.media.internal.audio.EnergyVad;

/**
 * A session's audio stream to an external bot: the bot's audio and marks in one queue, played 160 samples at a time
 * by the pacer when no prompt is due. At most {@link #MAX_QUEUED_SAMPLES} are queued; audio past that is dropped (a
 * bot sending faster than real time for a minute has lost track of playout). Marks are reported outside the lock.
 */
final class StreamPlayback implements AudioStream {

    /** One minute of 8 kHz audio. */
    static final long MAX_QUEUED_SAMPLES = 60L * 8000;

    private record Mark(String name) {}

    /** Quiet frames that end the caller's speech for the bot: 300 ms (the prompts' detector waits 800). */
    static final int SPEECH_END_FRAMES = 15;

    private final Listener listener;
    private final Consumer<StreamPlayback> onClose;
    private final EnergyVad vad;
    private final Deque<Object> queue = new ArrayDeque<>();
    private short[] current;
    private int position;
    private long queued;
    private long dropped;
    private volatile boolean closed;

    StreamPlayback(Listener listener, Consumer<StreamPlayback> onClose, double vadThresholdDb) {
        this.listener = listener;
        this.onClose = onClose;
        this.vad = new EnergyVad(vadThresholdDb, 12, 3, SPEECH_END_FRAMES);
    }

    /**
     * A 20 ms frame of the caller's audio through this stream's own voice detector, which ends speech sooner than
     * the prompts' one: the bot is told when the caller starts and stops speaking. Receiving thread.
     */
    void detect(short[] samples, int offset, int length, double minimumDb) {
        EnergyVad.Change c = vad.frame(samples, offset, length, minimumDb);
        if (c != EnergyVad.Change.NONE) {
            listener.speech(c == EnergyVad.Change.SPEECH_START);
        }
    }

    Listener listener() {
        return listener;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void play(short[] samples) {
        if (closed || samples == null || samples.length == 0) {
            return;
        }
        if (queued + samples.length > MAX_QUEUED_SAMPLES) {
            dropped += samples.length;
            return;
        }
        queue.add(samples.clone());
        queued += samples.length;
    }

    /** Samples the bot sent past the queue's limit. */
    synchronized long dropped() {
        return dropped;
    }

    @Override
    public void mark(String name) {
        synchronized (this) {
            if (!closed) {
                queue.add(new Mark(name));
                return;
            }
        }
        listener.marked(name, true);
    }

    @Override
    public void clear() {
        report(drain(), true);
    }

    @Override
    public synchronized long queuedMillis() {
        return queued / 8;
    }

    @Override
    public void close() {
        List<String> marks;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            marks = drain();
        }
        report(marks, true);
        onClose.accept(this);
    }

    /**
     * Fills {@code frame} with the next 160 samples (silence past the queued audio); reports the marks that playout
     * reached. Returns whether any bot audio was in it. Pacer thread.
     */
    boolean next(short[] frame) {
        List<String> reached = null;
        int n = 0;
        synchronized (this) {
            while (n < frame.length && !closed) {
                if (current == null) {
                    Object head = queue.poll();
                    if (head == null) {
                        break;
                    }
                    if (head instanceof Mark m) {
                        reached = add(reached, m.name());
                        continue;
                    }
                    current = (short[]) head;
                    position = 0;
                }
                int take = Math.min(frame.length - n, current.length - position);
                System.arraycopy(current, position, frame, n, take);
                n += take;
                position += take;
                queued -= take;
                if (position >= current.length) {
                    current = null;
                }
            }
            // a mark right after the audio just finished is reached with this frame
            while (current == null && queue.peek() instanceof Mark m) {
                queue.poll();
                reached = add(reached, m.name());
            }
        }
        java.util.Arrays.fill(frame, n, frame.length, (short) 0);
        if (reached != null) {
            report(reached, false);
        }
        return n > 0;
    }

    private List<String> drain() {
        synchronized (this) {
            List<String> marks = new ArrayList<>();
            for (Object o : queue) {
                if (o instanceof Mark m) {
                    marks.add(m.name());
                }
            }
            queue.clear();
            current = null;
            queued = 0;
            return marks;
        }
    }

    private void report(List<String> marks, boolean cleared) {
        for (String m : marks) {
            listener.marked(m, cleared);
        }
    }

    private static List<String> add(List<String> list, String name) {
        List<String> l = list == null ? new ArrayList<>(2) : list;
        l.add(name);
        return l;
    }
}

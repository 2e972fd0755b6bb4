package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.switchboard.api.media.AudioStream;

public class StreamPlaybackTest {

    private final List<String> marks = new CopyOnWriteArrayList<>();
    private final List<StreamPlayback> closed = new CopyOnWriteArrayList<>();
    private final StreamPlayback stream = new StreamPlayback(
            new AudioStream.Listener() {
                @Override
                public void heard(short[] samples, int length) {}

                @Override
                public void marked(String name, boolean cleared) {
                    marks.add(name + (cleared ? "/cleared" : "/played"));
                }
            },
            closed::add,
            -40);

    private static short[] samples(int n, int value) {
        short[] s = new short[n];
        java.util.Arrays.fill(s, (short) value);
        return s;
    }

    @Test
    public void framesSpanChunksAndAMarkIsReachedWithTheFrameThatEndsTheAudioBeforeIt() {
        short[] frame = new short[160];
        stream.play(samples(100, 1));
        stream.play(samples(100, 2));
        stream.mark("a");
        stream.play(samples(40, 3));
        stream.mark("b");
        assertEquals(30, stream.queuedMillis());
        assertTrue(stream.next(frame));
        assertEquals(1, frame[99]);
        assertEquals(2, frame[100]);
        assertEquals(List.of(), marks);
        assertTrue(stream.next(frame));
        assertEquals(2, frame[39]);
        assertEquals(3, frame[40]);
        assertEquals(0, frame[80]);
        assertEquals(List.of("a/played", "b/played"), marks);
        assertFalse("nothing left: silence", stream.next(frame));
        assertEquals(0, frame[0]);
    }

    @Test
    public void aMarkWithNothingBeforeItIsReachedAtTheNextFrame() {
        stream.mark("now");
        assertFalse(stream.next(new short[160]));
        assertEquals(List.of("now/played"), marks);
    }

    @Test
    public void clearDropsTheAudioAndReportsThePendingMarksAndCloseDoesTooOnce() {
        stream.play(samples(800, 5));
        stream.mark("a");
        stream.clear();
        assertEquals(List.of("a/cleared"), marks);
        assertFalse(stream.next(new short[160]));
        stream.play(samples(800, 5));
        stream.mark("b");
        stream.close();
        stream.close();
        assertEquals(List.of("a/cleared", "b/cleared"), marks);
        assertEquals(List.of(stream), closed);
        stream.mark("late");
        assertEquals("a mark after the close is cleared at once", "late/cleared", marks.get(2));
        stream.play(samples(800, 5));
        assertEquals(0, stream.queuedMillis());
    }

    @Test
    public void audioPastAMinuteQueuedIsDropped() {
        stream.play(samples((int) StreamPlayback.MAX_QUEUED_SAMPLES - 160, 1));
        stream.play(samples(320, 1));
        assertEquals(320, stream.dropped());
        stream.play(samples(160, 1));
        assertEquals(60_000, stream.queuedMillis());
    }
}

package org.switchboard.media.internal.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's recording: a stereo 8 kHz 16-bit WAV file, the caller on the left channel and what Switchboard sent
 * on the right, aligned on the pacer's clock. The caller's audio goes through a small jitter buffer (two frames
 * before playing out, silence for what never arrived, the oldest dropped when it runs ahead). One second at a time
 * is appended and the header's sizes rewritten, so the file is valid up to the last second written even if the
 * process dies.
 */
public final class CallRecorder {

    static final int FRAME = 160;
    private static final int CHUNK_FRAMES = 50;
    private static final int RING = FRAME * 16;
    private static final int PRIME = FRAME * 2;
    private static final int MAX_AHEAD = FRAME * 6;
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final Path file;
    private final Recordings recordings;

    // caller side, guarded by ring
    private final short[] ring = new short[RING];
    private int head;
    private int size;
    private boolean primed;

    // pacer thread
    private final short[] in = new short[FRAME];
    private byte[] chunk = new byte[CHUNK_FRAMES * FRAME * 4];
    private int frames;
    private boolean started;
    private volatile boolean closed;

    // writer thread
    private long written;
    private boolean failed;

    CallRecorder(Path file, Recordings recordings) {
        this.file = file;
        this.recordings = recordings;
    }

    /** The recording's file. */
    public Path file() {
        return file;
    }

    /** The caller's decoded audio (receiver thread). */
    public void caller(short[] pcm, int length) {
        synchronized (ring) {
            for (int i = 0; i < length; i++) {
                if (size == RING) {
                    head = (head + 1) % RING;
                    size--;
                }
                ring[(head + size) % RING] = pcm[i];
                size++;
            }
        }
    }

    /**
     * One 20 ms tick (pacer thread): {@code out} is what was sent, {@code null} for silence or a DTMF event.
     *
     * @return true when this was the recording's first frame (the file now exists or is being created)
     */
    public synchronized boolean tick(short[] out) {
        if (closed) {
            return false;
        }
        takeCaller();
        int at = frames * FRAME * 4;
        for (int i = 0; i < FRAME; i++, at += 4) {
            short o = out == null ? 0 : out[i];
            chunk[at] = (byte) in[i];
            chunk[at + 1] = (byte) (in[i] >> 8);
            chunk[at + 2] = (byte) o;
            chunk[at + 3] = (byte) (o >> 8);
        }
        frames++;
        boolean first = !started;
        started = true;
        if (frames == CHUNK_FRAMES) {
            flush(false);
        }
        return first;
    }

    private void takeCaller() {
        synchronized (ring) {
            if (!primed && size >= PRIME) {
                primed = true;
            }
            int n = primed ? Math.min(FRAME, size) : 0;
            for (int i = 0; i < n; i++) {
                in[i] = ring[(head + i) % RING];
            }
            java.util.Arrays.fill(in, n, FRAME, (short) 0);
            head = (head + n) % RING;
            size -= n;
            if (primed && n < FRAME) {
                primed = false; // ran dry: wait for two frames again
            }
            if (size > MAX_AHEAD) {
                int drop = size - PRIME;
                head = (head + drop) % RING;
                size -= drop;
            }
        }
    }

    /** Writes what is buffered and finishes the file (pacer or any thread, after the last tick). */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            flush(true);
        }
    }

    private void flush(boolean last) {
        byte[] data = chunk;
        int length = frames * FRAME * 4;
        frames = 0;
        chunk = last ? null : new byte[CHUNK_FRAMES * FRAME * 4];
        recordings.submit(length, () -> append(data, length));
    }

    private void append(byte[] data, int length) {
        if (failed) {
            return;
        }
        try {
            if (written == 0) {
                Files.createDirectories(file.getParent());
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (written == 0) {
                    ch.truncate(0);
                    ch.write(Wav.header(0), 0);
                }
                ch.write(ByteBuffer.wrap(data, 0, length), Wav.HEADER + written);
                written += length;
                ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                ch.write(sizes.putInt(0, (int) Math.min(0xFFFFFFFFL, 36 + written)), 4);
                ch.write(sizes.clear().putInt(0, (int) Math.min(0xFFFFFFFFL, written)), 40);
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.error("Recording {} stopped: {}", file, e.toString());
        }
    }
}

package org.switchboard.speech.freetts.internal;

import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

import com.sun.speech.freetts.audio.AudioPlayer;

/** A FreeTTS audio player that keeps what the voice writes instead of sending it to a sound card. */
final class CollectingPlayer implements AudioPlayer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format;
    private float volume = 1.0f;

    /** Empties the buffer before the next utterance. */
    void clear() {
        bytes.reset();
    }

    /** The samples written since {@link #clear()}, as 16-bit signed mono. */
    short[] samples() {
        if (format == null) {
            return new short[0];
        }
        if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
            throw new IllegalStateException("FreeTTS wrote " + format + ", not 16-bit mono");
        }
        byte[] b = bytes.toByteArray();
        short[] s = new short[b.length / 2];
        boolean big = format.isBigEndian();
        for (int i = 0; i < s.length; i++) {
            int hi = big ? b[2 * i] : b[2 * i + 1];
            int lo = big ? b[2 * i + 1] : b[2 * i];
            s[i] = (short) ((hi << 8) | (lo & 0xff));
        }
        return s;
    }

    int sampleRate() {
        return format == null ? 8000 : Math.round(format.getSampleRate());
    }

    @Override
    public void setAudioFormat(AudioFormat f) {
        format = f;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void reset() {}

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void begin(int size) {}

    @Override
    public boolean end() {
        return true;
    }

    @Override
    public void cancel() {}

    @Override
    public void close() {}

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setVolume(float v) {
        volume = v;
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {}

    @Override
    public void startFirstSampleTimer() {}

    @Override
    public boolean write(byte[] audio) {
        return write(audio, 0, audio.length);
    }

    @Override
    public boolean write(byte[] audio, int offset, int size) {
        bytes.write(audio, offset, size);
        return true;
    }

    @Override
    public void showMetrics() {}
}

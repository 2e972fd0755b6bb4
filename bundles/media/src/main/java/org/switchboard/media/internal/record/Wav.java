package org.switchboard.media.internal.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The header of a stereo 8 kHz 16-bit PCM WAV file. */
final class Wav {

    static final int HEADER = 44;
    static final int RATE = 8000;
    static final int CHANNELS = 2;

    private Wav() {}

    static ByteBuffer header(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) CHANNELS);
        b.putInt(RATE)
                .putInt(RATE * CHANNELS * 2)
                .putShort((short) (CHANNELS * 2))
                .putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.flip();
    }
}

package org.switchboard.speech.festival.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The samples of a RIFF WAV file as Festival writes it: 16-bit PCM, mono, 8 kHz. */
final class Wav {

    private Wav() {}

    static short[] samples8k(byte[] file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException("festival wrote no RIFF WAVE file (" + file.length + " bytes)");
        }
        int at = 12;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (at + 8 <= file.length) {
            int id = b.getInt(at);
            int size = b.getInt(at + 4);
            if (size < 0 || at + 8L + size > file.length) {
                size = file.length - at - 8;
            }
            if (id == 0x20746d66 && size >= 16) { // "fmt "
                channels = b.getShort(at + 10);
                rate = b.getInt(at + 12);
                bits = b.getShort(at + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || rate != 8000 || bits != 16) {
                    throw new IOException("festival wrote " + channels + " channel(s), " + rate + " Hz, " + bits
                            + "-bit audio; 1, 8000, 16 expected");
                }
                short[] s = new short[size / 2];
                b.position(at + 8);
                b.asShortBuffer().get(s);
                return s;
            }
            at += 8 + size + (size & 1);
        }
        throw new IOException("festival's WAV file has no data chunk");
    }
}

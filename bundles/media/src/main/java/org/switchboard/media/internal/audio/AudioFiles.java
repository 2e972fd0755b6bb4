package org.switchboard.media.internal.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.switchboard.api.speech.Audio;
import org.switchboard.util.audio.Resampler;

/**
 * Reads prompt files into 8 kHz 16-bit audio: WAV (RIFF) with 16-bit PCM at 8 or 16 kHz (16 kHz is low-pass
 * filtered and decimated), mono or stereo (mixed down), or G.711 µ-law/A-law in WAV; raw G.711 as {@code .ul},
 * {@code .ulaw}, {@code .pcmu}, {@code .al}, {@code .alaw}, {@code .pcma}. Anything else is an
 * {@link IllegalArgumentException} naming the file and the reason.
 */
public final class AudioFiles {

    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private AudioFiles() {}

    public static Audio read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw bad(file, "larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ul") || name.endsWith(".ulaw") || name.endsWith(".pcmu") || name.endsWith(".mulaw")) {
            return law(true, bytes, 0, bytes.length);
        }
        if (name.endsWith(".al") || name.endsWith(".alaw") || name.endsWith(".pcma")) {
            return law(false, bytes, 0, bytes.length);
        }
        return wav(file, bytes);
    }

    private static Audio wav(Path file, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF" "WAVE"
            throw bad(file, "not a WAV file (RIFF/WAVE header missing) nor a raw G.711 file (.ul, .al)");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= bytes.length) {
            int id = b.getInt(at);
            int length = b.getInt(at + 4);
            int body = at + 8;
            if (length < 0 || body + (long) length > bytes.length) {
                length = bytes.length - body; // a truncated last chunk: take what is there
            }
            if (id == 0x20746d66 && length >= 16) { // "fmt "
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
            } else if (id == 0x61746164) { // "data"
                if (format < 0) {
                    throw bad(file, "data before the fmt chunk");
                }
                return decode(file, format, channels, rate, bits, bytes, body, length);
            }
            at = body + length + (length & 1);
        }
        throw bad(file, "no data chunk");
    }

    private static Audio decode(
            Path file, int format, int channels, int rate, int bits, byte[] bytes, int at, int length) {
        if (channels < 1 || channels > 2) {
            throw bad(file, channels + " channels (mono or stereo only)");
        }
        if (rate != 8000 && rate != 16000) {
            throw bad(file, rate + " Hz (8000 or 16000 only)");
        }
        short[] mono;
        if (format == 1 && bits == 16) {
            int frames = length / (2 * channels);
            mono = new short[frames];
            ByteBuffer b = ByteBuffer.wrap(bytes, at, length).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += b.getShort(at + (i * channels + c) * 2);
                }
                mono[i] = (short) (sum / channels);
            }
        } else if ((format == 6 || format == 7) && bits == 8) {
            short[] all = new short[length];
            G711.decode(format == 7, bytes, at, length, all, 0);
            mono = new short[length / channels];
            for (int i = 0; i < mono.length; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += all[i * channels + c];
                }
                mono[i] = (short) (sum / channels);
            }
        } else {
            throw bad(file, "WAV format " + format + " with " + bits + " bits (16-bit PCM, or 8-bit G.711 only)");
        }
        return new Audio(8000, rate == 16000 ? Resampler.downsample2(mono) : mono);
    }

    private static Audio law(boolean ulaw, byte[] bytes, int at, int length) {
        short[] out = new short[length];
        G711.decode(ulaw, bytes, at, length, out, 0);
        return new Audio(8000, out);
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("unplayable prompt file " + file + ": " + why);
    }
}

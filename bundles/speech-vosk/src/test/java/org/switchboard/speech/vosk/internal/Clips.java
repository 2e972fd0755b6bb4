package org.switchboard.speech.vosk.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.switchboard.util.audio.Resampler;

/** Speech clips from Debian's flite (a voice that is not our own synthesizer), as 8 kHz telephone audio. */
final class Clips {

    private Clips() {}

    static short[] say(String text, Path dir) throws IOException, InterruptedException {
        return say(text, dir, "slt");
    }

    /** In one of flite's voices: slt, kal, awb, rms. */
    static short[] say(String text, Path dir, String voice) throws IOException, InterruptedException {
        Path wav = dir.resolve(text.replaceAll("[^A-Za-z0-9]+", "_") + "-" + voice + ".wav");
        Process p;
        try {
            p = new ProcessBuilder("flite", "-voice", voice, "-t", text, "-o", wav.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IOException("flite is needed to make speech clips (apt-get install flite): " + e.getMessage(), e);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("flite failed for \"" + text + "\": "
                    + new String(p.getInputStream().readAllBytes()));
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(wav.toString()))) {
            javax.sound.sampled.AudioFormat f = in.getFormat();
            byte[] b = in.readAllBytes();
            short[] s = new short[b.length / 2];
            ByteBuffer.wrap(b)
                    .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(s);
            return switch ((int) f.getSampleRate()) {
                case 8000 -> s;
                case 16000 -> Resampler.downsample2(s);
                default -> throw new IOException("flite wrote " + f);
            };
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(wav);
        }
    }
}

package org.switchboard.media.internal.audio;

/**
 * An energy-based voice detector over 20 ms frames: speech starts when the frame level stays a margin above the
 * tracked noise floor (and above an absolute floor) for {@code onsetFrames} frames, and ends after
 * {@code hangoverFrames} quiet frames. The noise floor follows quiet frames slowly and drops at once to a quieter
 * one. Not thread-safe.
 */
public final class EnergyVad {

    private final double thresholdDb;
    private final double marginDb;
    private final int onsetFrames;
    private final int hangoverFrames;
    private double floorDb = -60;
    private int loud;
    private int quiet;
    private boolean speaking;
    private boolean voiced;
    private boolean aboveNoise;

    /**
     * @param thresholdDb the lowest level (dBFS) that may count as speech, e.g. -40
     * @param marginDb how far above the noise floor speech must be, e.g. 12
     * @param onsetFrames loud frames in a row that start speech, e.g. 3 (60 ms)
     * @param hangoverFrames quiet frames in a row that end it, e.g. 40 (800 ms)
     */
    public EnergyVad(double thresholdDb, double marginDb, int onsetFrames, int hangoverFrames) {
        this.thresholdDb = thresholdDb;
        this.marginDb = marginDb;
        this.onsetFrames = onsetFrames;
        this.hangoverFrames = hangoverFrames;
    }

    /** What a frame changed. */
    public enum Change {
        NONE,
        SPEECH_START,
        SPEECH_END
    }

    public Change frame(short[] samples, int offset, int length) {
        return frame(samples, offset, length, -96);
    }

    /**
     * A frame that counts as speech only above {@code minimumDb} as well ({@link EchoGate}); a frame below it only
     * for that reason (the bot's echo) leaves the noise floor as it was.
     */
    public Change frame(short[] samples, int offset, int length, double minimumDb) {
        double db = levelDb(samples, offset, length);
        aboveNoise = db > thresholdDb && db > floorDb + marginDb;
        boolean isLoud = aboveNoise && db > minimumDb;
        voiced = isLoud;
        if (!aboveNoise) {
            floorDb = db < floorDb ? db : floorDb + (db - floorDb) * 0.05;
        }
        if (isLoud) {
            loud++;
            quiet = 0;
            if (!speaking && loud >= onsetFrames) {
                speaking = true;
                return Change.SPEECH_START;
            }
        } else {
            loud = 0;
            quiet++;
            if (speaking && quiet >= hangoverFrames) {
                speaking = false;
                return Change.SPEECH_END;
            }
        }
        return Change.NONE;
    }

    public boolean speaking() {
        return speaking;
    }

    /** Whether the last frame was loud enough to be speech (without the onset and hangover of {@link #speaking}). */
    public boolean voiced() {
        return voiced;
    }

    /** Whether the last frame was loud enough to be speech, whatever the minimum level it was given. */
    public boolean aboveNoise() {
        return aboveNoise;
    }

    /** The RMS level of the samples in dBFS (-96 for digital silence). */
    public static double levelDb(short[] samples, int offset, int length) {
        if (length == 0) {
            return -96;
        }
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += samples[i] * samples[i];
        }
        double rms = Math.sqrt((double) sum / length);
        return rms < 1 ? -96 : 20 * Math.log10(rms / 32768.0);
    }
}

package org.switchboard.speech.festival.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code festival --pipe} process with the HTS voice loaded: a prompt is a Scheme command that synthesizes the
 * text, resamples it to 8 kHz and saves it as a WAV file, followed by a marker line the process prints when done.
 * Not thread-safe: the synthesizer lends each process to one prompt at a time.
 */
final class FestivalProcess implements AutoCloseable {

    static final String VOICE = "voice_cmu_us_slt_arctic_hts";
    private static final String DONE = "SB-DONE";

    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final ExecutorService reader;
    private final Path dir;
    private int prompts;

    FestivalProcess(String command, Path dir) throws IOException {
        this.dir = dir;
        process =
                new ProcessBuilder(command, "--pipe").redirectErrorStream(true).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "festival-reader");
            t.setDaemon(true);
            return t;
        });
        in.write("(" + VOICE + ")\n");
    }

    /** The text as 8 kHz samples; {@link IOException} when Festival fails or takes longer than the timeout. */
    short[] synthesize(String text, long timeoutMs) throws IOException {
        Path wav = dir.resolve("prompt-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this) + "-"
                + (++prompts) + ".wav");
        try {
            in.write("(set! sb_utt (Utterance Text \"" + scheme(text) + "\"))\n"
                    + "(utt.synth sb_utt)\n(utt.wave.resample sb_utt 8000)\n"
                    + "(utt.save.wave sb_utt \"" + scheme(wav.toString()) + "\" 'riff)\n"
                    + "(format t \"" + DONE + "\\n\")\n(fflush nil)\n");
            in.flush();
            awaitDone(timeoutMs);
            return Wav.samples8k(Files.readAllBytes(wav));
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private void awaitDone(long timeoutMs) throws IOException {
        Future<String> line = reader.submit(() -> {
            StringBuilder said = new StringBuilder();
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                if (l.contains(DONE)) {
                    String text = said.toString();
                    return text.contains("ERROR") ? "festival: " + text.trim() : null;
                }
                if (said.length() < 2000) {
                    said.append(l).append('\n');
                }
            }
            return "festival exited: " + said.toString().trim();
        });
        try {
            String failure = line.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (failure != null) {
                throw new IOException(failure);
            }
        } catch (TimeoutException e) {
            line.cancel(true);
            throw new IOException("festival took more than " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("festival's output cannot be read: " + e.getCause(), e.getCause());
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * The text as a Scheme string's content: backslashes and quotes escaped, control characters (a caller's words,
     * a bot's reply) turned into spaces so that nothing can end the string or the command.
     */
    static String scheme(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '"') {
                b.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        reader.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

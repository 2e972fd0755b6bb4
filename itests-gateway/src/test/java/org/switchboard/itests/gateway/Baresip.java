package org.switchboard.itests.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.switchboard.testing.FreePorts;

/**
 * Debian's baresip as a real SIP/SRTP peer: a caller with its own configuration directory, a silent microphone (a
 * WAV file), what it hears dumped to WAV files, and keys pressed on its terminal (DTMF during a call).
 */
final class Baresip implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final OutputStream keys;

    private Baresip(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        this.keys = process.getOutputStream();
    }

    /**
     * Dials {@code uri} from an account with these parameters, e.g. {@code ;transport=tls} in the address and
     * {@code mediaenc=srtp-mand}; {@code caFile} is the PEM certificate to trust for TLS, or {@code null}.
     */
    static Baresip dial(Path work, String name, String accountUri, String accountParams, Path caFile, String uri)
            throws IOException {
        Path dir = Files.createDirectories(work.resolve("baresip-" + name));
        Path dump = Files.createDirectories(dir.resolve("dump"));
        Path silence = silence(dir.resolve("silence.wav"));
        // a port probed free can be taken before baresip binds it (another test's media, its TLS neighbour): retry
        for (int attempt = 1; ; attempt++) {
            StringBuilder config = new StringBuilder()
                    .append("poll_method epoll\n")
                    .append("sip_listen 127.0.0.1:")
                    .append(listenPort())
                    .append('\n')
                    .append("call_local_timeout 60\n")
                    .append("audio_player aubridge,nowhere\naudio_alert aubridge,nowhere\n")
                    .append("audio_source aufile,")
                    .append(silence)
                    .append('\n')
                    .append("audio_srate 8000\naudio_channels 1\n")
                    .append("module_path /usr/lib/baresip/modules\n")
                    .append("module stdio.so\nmodule g711.so\nmodule aufile.so\nmodule aubridge.so\n")
                    .append("module sndfile.so\nmodule srtp.so\n")
                    .append("module_app account.so\nmodule_app menu.so\n")
                    .append("snd_path ")
                    .append(dump)
                    .append('\n');
            if (caFile != null) {
                config.append("sip_cafile ").append(caFile).append('\n');
            }
            Files.writeString(dir.resolve("config"), config);
            Files.writeString(
                    dir.resolve("accounts"),
                    "<" + accountUri + ">;regint=0;audio_codecs=PCMU,PCMA" + accountParams + "\n");
            Files.writeString(dir.resolve("contacts"), "");
            Process p = new ProcessBuilder("baresip", "-f", dir.toString(), "-e", "/dial " + uri)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("baresip.out").toFile())
                    .start();
            Baresip b = new Baresip(dir, p);
            if (!b.startFailedOnBusyPort() || attempt == 3) {
                return b;
            }
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return b;
            }
        }
    }

    /** Waits (at most 5 s) until baresip is ready or says its SIP port was taken; true for the latter. */
    private boolean startFailedOnBusyPort() throws IOException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            String out = output();
            if (out.contains("Address already in use")) {
                return true;
            }
            if (out.contains("baresip is ready") || !process.isAlive()) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * A port for baresip's SIP over UDP and TCP whose next port is free for TCP too: baresip listens for TLS there, and
     * a caller that cannot open that listener never dials.
     */
    private static int listenPort() throws IOException {
        for (int i = 0; i < 100; i++) {
            int port = FreePorts.tcpAndUdp();
            if (port < 65535 && FreePorts.tcpFree(port + 1)) {
                return port;
            }
        }
        throw new IOException("no port pair free for baresip's SIP and SIP over TLS");
    }

    /**
     * Waits until baresip says the call is established; otherwise fails with a first line that says what baresip
     * last said about the call (the CI summary shows only that line), then its whole output.
     */
    void awaitEstablished(int seconds) throws Exception {
        if (await("Call established", seconds)) {
            return;
        }
        String out = output();
        String last = out.lines()
                .filter(l -> l.contains("call:") || l.contains("rror") || l.contains("tls:") || l.contains("sip:"))
                .reduce((a, b) -> b)
                .orElse(out.isEmpty() ? "no output at all" : "no call line");
        throw new AssertionError("no call established in " + seconds + " s (alive " + process.isAlive() + "), last: "
                + last.replaceAll("[\\x00-\\x1f]", " ") + "\n" + out);
    }

    /** Kills baresip at once (SIGKILL): its connections drop without a BYE or a TLS close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** Presses a key on baresip's terminal: a digit sends DTMF during a call. */
    void press(char key) throws IOException {
        keys.write(key);
        keys.flush();
    }

    String output() throws IOException {
        return Files.readString(dir.resolve("baresip.out"), StandardCharsets.ISO_8859_1);
    }

    /** Waits until baresip's output contains {@code text}; false after {@code seconds}. */
    boolean await(String text, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Loudness (RMS of 16-bit samples) of each second of what baresip decoded from the gateway. */
    double[] heardPerSecond() throws IOException {
        try (var files = Files.list(dir.resolve("dump"))) {
            Path dec = files.filter(f -> f.toString().endsWith("-dec.wav"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("baresip decoded no audio"));
            byte[] wav = Files.readAllBytes(dec);
            ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
            int seconds = b.remaining() / 16000;
            double[] rms = new double[seconds];
            for (int s = 0; s < seconds; s++) {
                double sum = 0;
                for (int i = 0; i < 8000; i++) {
                    double v = b.getShort();
                    sum += v * v;
                }
                rms[s] = Math.sqrt(sum / 8000);
            }
            return rms;
        }
    }

    private static Path silence(Path file) throws IOException {
        int n = 8000 * 60;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952)
                .putInt(36 + 2 * n)
                .putInt(0x45564157)
                .putInt(0x20746d66)
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt(16000)
                .putShort((short) 2)
                .putShort((short) 16)
                .putInt(0x61746164)
                .putInt(2 * n);
        return Files.write(file, b.array());
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                press('q');
            } catch (IOException gone) {
                // ended already
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

package org.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sipp run against a gateway (or a proxy): the scenario, the defaults every test uses (loopback, a free local
 * port, {@code -nostdin}, errors traced, a call timeout that fails the call), then the test's own options, which
 * come after the defaults and so override them. Output, errors and (with {@link #statistics()}) the statistics go
 * to {@code <dir>/<tag>.*}.
 *
 * <pre>{@code
 * Sipp.scenario(Sipp.example("zcc-transfer-bye.xml")).in(work, "transfer").options("-m", "1").run("127.0.0.1:" + sip);
 * }</pre>
 */
public final class Sipp {

    private final Path scenario;
    private final List<String> options = new ArrayList<>();
    private String transport = "u1";
    private String source = "127.0.0.1";
    private int timeoutSeconds = 90;
    private boolean statistics;
    private Path dir;
    private String tag;

    private Sipp(Path scenario) {
        this.scenario = scenario;
    }

    /** A run of the scenario file {@code file}. */
    public static Sipp scenario(Path file) {
        return new Sipp(file);
    }

    /** The repository's root ({@code switchboard.home}, set by the build; the parent directory by default). */
    public static Path home() {
        return Path.of(System.getProperty("switchboard.home", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** A scenario shipped in {@code examples/sipp}. */
    public static Path example(String name) {
        return home().resolve("examples/sipp/" + name);
    }

    /** A test's own scenario, the class-path resource {@code /sipp/<name>} of {@code owner}, copied into {@code dir}. */
    public static Path resource(Class<?> owner, String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = owner.getResourceAsStream("/sipp/" + name)) {
            if (in == null) {
                throw new IOException("no test scenario " + name);
            }
            Files.createDirectories(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** {@code udp} (the default), {@code tcp} or {@code tls}. */
    public Sipp transport(String name) {
        transport = switch (name) {
            case "udp" -> "u1";
            case "tcp" -> "t1";
            case "tls" -> "l1";
            default -> throw new IllegalArgumentException("transport " + name);
        };
        return this;
    }

    /** The local address sipp sends from (127.0.0.1 by default). */
    public Sipp from(String address) {
        source = address;
        return this;
    }

    /** sipp's {@code -timeout}: the run fails when it lasts longer (90 s by default). */
    public Sipp timeout(int seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    /** Where sipp runs and its files go, and the name they start with. */
    public Sipp in(Path directory, String name) {
        dir = directory;
        tag = name;
        return this;
    }

    /** More sipp options ({@code -m 1}, {@code -s +15550199}, {@code -key interval 3}...). */
    public Sipp options(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    /** More sipp options. */
    public Sipp options(List<String> more) {
        options.addAll(more);
        return this;
    }

    /** Writes cumulative statistics every second to {@code <tag>.csv}, read by {@link Run#calls()}. */
    public Sipp statistics() {
        statistics = true;
        return this;
    }

    /** Starts sipp towards {@code target} ({@code host:port}). */
    public Run start(String target) throws IOException {
        Path d = dir != null ? dir : Files.createTempDirectory("sipp");
        String t = tag != null ? tag : "sipp-" + System.nanoTime();
        Files.createDirectories(d);
        List<String> cmd = new ArrayList<>(List.of(
                "sipp",
                "-sf",
                scenario.toString(),
                "-t",
                transport,
                "-i",
                source,
                "-p",
                Integer.toString(FreePorts.tcpAndUdp()),
                "-nostdin",
                "-trace_err",
                "-error_file",
                d.resolve(t + "-errors.log").toString(),
                "-timeout",
                timeoutSeconds + "s",
                "-timeout_error"));
        if (statistics) {
            cmd.addAll(List.of("-trace_stat", "-stf", d.resolve(t + ".csv").toString(), "-fd", "1"));
        }
        cmd.addAll(options);
        cmd.add(target);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(d.toFile())
                .redirectErrorStream(true)
                .redirectOutput(d.resolve(t + ".out").toFile());
        try {
            return new Run(pb.start(), d, t, scenario.getFileName().toString(), timeoutSeconds);
        } catch (IOException e) {
            throw new IOException("sipp is not installed (Debian package sip-tester; ./test installs it)", e);
        }
    }

    /** Runs sipp to its end towards {@code target}; an AssertionError with sipp's output and errors if it failed. */
    public String run(String target) throws Exception {
        Run r = start(target);
        r.awaitSuccess();
        return r.output();
    }

    /** A sipp process started by {@link #start}. */
    public static final class Run {

        private final Process process;
        private final Path dir;
        private final String tag;
        private final String scenario;
        private final int timeoutSeconds;

        Run(Process process, Path dir, String tag, String scenario, int timeoutSeconds) {
            this.process = process;
            this.dir = dir;
            this.tag = tag;
            this.scenario = scenario;
            this.timeoutSeconds = timeoutSeconds;
        }

        public Process process() {
            return process;
        }

        public boolean alive() {
            return process.isAlive();
        }

        /** Kills sipp at once. */
        public void kill() {
            process.destroyForcibly();
        }

        /** Waits for sipp's end (its timeout and 30 s more at the most); its exit code, -1 when it had to be killed. */
        public int await() throws InterruptedException {
            if (!process.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }

        /** Waits for sipp's end and requires its success (exit code 0). */
        public void awaitSuccess() throws Exception {
            int rc = await();
            if (rc != 0) {
                throw new AssertionError("sipp " + scenario + " ended with " + rc + ":\n" + output() + "\n" + errors());
            }
        }

        /** What sipp printed. */
        public String output() throws IOException {
            return read(dir.resolve(tag + ".out"));
        }

        /** What sipp wrote about failed calls and unexpected messages. */
        public String errors() throws IOException {
            return read(dir.resolve(tag + "-errors.log"));
        }

        /** The last cumulative counts of the statistics ({@link Sipp#statistics()}): successful and failed calls. */
        public int[] calls() throws IOException {
            List<String> lines = Files.readAllLines(dir.resolve(tag + ".csv"));
            String[] header = lines.get(0).split(";");
            String[] last = lines.get(lines.size() - 1).split(";");
            int ok = -1;
            int failed = -1;
            for (int i = 0; i < header.length && i < last.length; i++) {
                if (header[i].equals("SuccessfulCall(C)")) {
                    ok = Integer.parseInt(last[i].trim());
                } else if (header[i].equals("FailedCall(C)")) {
                    failed = Integer.parseInt(last[i].trim());
                }
            }
            return new int[] {ok, failed};
        }

        private static String read(Path f) throws IOException {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.ISO_8859_1) : "";
        }
    }
}

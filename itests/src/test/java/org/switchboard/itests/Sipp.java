package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a sipp scenario from {@code examples/sipp} once against a gateway and fails the test if sipp does. */
final class Sipp {

    private Sipp() {
    }

    /**
     * Runs {@code scenario} once; {@code extra} sipp options come after the defaults and override them (e.g.
     * {@code -i 127.0.0.2}, {@code -s +15550199}, {@code -key interval 3}).
     */
    static String run(Path home, String scenario, String transport, int port, Path workDir, String... extra)
            throws Exception {
        Path dir = workDir.resolve("sipp-" + transport + "-" + System.nanoTime());
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("sipp", "-sf",
                home.resolve("examples/sipp/" + scenario).toString(), "-m", "1", "-t", transport.equals("tcp") ? "t1" : "u1",
                "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.tcpAndUdp()), "-timeout", "15s", "-timeout_error",
                "-trace_err", "-nostdin"));
        command.addAll(List.of(extra));
        command.add("127.0.0.1:" + port);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("sipp is not installed (Debian package sip-tester; ./test installs it)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("sipp did not finish: " + out);
        }
        StringBuilder errors = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.toString().endsWith("_errors.log")) {
                    errors.append(Files.readString(f));
                }
            }
        }
        assertEquals("sipp " + scenario + " over " + transport + " failed:\n" + out + "\n" + errors, 0, p.exitValue());
        return out;
    }
}

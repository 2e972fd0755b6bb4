package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Test;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Http;

/**
 * The README's run command end to end: {@code ./switchboard} started from an unrelated working directory reaches
 * healthy, prints the console address, answers SIP OPTIONS, serves the console with the generated credentials,
 * and stops cleanly on SIGTERM. The times are printed (for the record), not asserted, beyond "does not hang".
 */
public class LauncherIT {

    private Gateway gateway;

    @After
    public void kill() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void startsHealthyAnswersSipAndStopsCleanly() throws Exception {
        gateway = Gateway.builder("LauncherIT").workingDirectory("elsewhere").start();
        Path data = gateway.data();
        assertTrue(
                "the data directory defaults to ./data of the working directory",
                Files.isDirectory(data.resolve("felix-cache")));
        assertTrue(
                gateway.console(),
                gateway.console()
                        .contains("Switchboard console: http://127.0.0.1:" + gateway.http + "/system/console"));
        for (String transport : new String[] {"udp", "tcp"}) {
            gateway.sipp("examples/sipp/options.xml")
                    .transport(transport)
                    .timeout(15)
                    .options("-m", "1")
                    .run("127.0.0.1:" + gateway.sip);
        }

        String password = gateway.password();
        assertEquals(
                200, gateway.adminHttp().get("/system/console/bundles.json").status());

        // the README's API example, as a user runs it: a call, then its details and summary with a fresh JWT app
        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml");
        ProcessBuilder example = new ProcessBuilder(
                gateway.home.resolve("examples/api/conversation-details.sh").toString());
        example.environment().put("SWITCHBOARD_URL", gateway.url(""));
        example.directory(data.getParent().toFile()).redirectErrorStream(true);
        Process ex = example.start();
        String answer = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer, ex.waitFor(30, TimeUnit.SECONDS) && ex.exitValue() == 0);
        assertTrue(answer, answer.contains("\"conversationInfo\""));
        assertTrue(answer, answer.contains("handed the call to an agent"));
        assertEquals(
                401,
                Http.local(gateway.http)
                        .basic("admin", "admin")
                        .get("/system/console/bundles.json")
                        .status());

        long stopStart = System.nanoTime();
        gateway.terminate(); // SIGTERM, as an init system stops it
        long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart);
        String console = gateway.console();
        assertTrue(console, console.contains("SIP stack stopped"));
        assertTrue(console, console.contains("Switchboard stopped"));
        assertTrue(
                "the terminal says where the generated password is: " + console,
                console.matches("(?s).*read it from \\S*/admin\\.password \\(owner-only\\).*"));
        assertFalse(
                "the password is neither printed nor logged",
                console.contains(password) || gateway.log().contains(password));
        System.out.printf(
                "LauncherIT: healthy %d ms after start, stopped %d ms after SIGTERM%n", gateway.healthyMs(), stopMs);
    }

    @Test
    public void theFirstStopWritesTheClassArchiveAndTheNextStartMapsIt() throws Exception {
        Path cds = Files.createTempDirectory(Path.of("target"), "cds").toAbsolutePath();
        Path loads = cds.resolveSibling(cds.getFileName() + "-class-load.txt");
        gateway = Gateway.builder("LauncherIT-cds")
                .env("SWITCHBOARD_CDS", cds.toString())
                .env("SWITCHBOARD_JAVA_OPTS", "-Xlog:class+load=info:file=" + loads + ":none")
                .start();
        Path dir;
        try (var dirs = Files.list(cds)) {
            dir = dirs.findFirst().orElseThrow(() -> new AssertionError("no archive directory under " + cds));
        }
        Path stale = dir.resolve("switchboard-1.jsa"); // an older build's archive
        Files.writeString(stale, "old");
        Path cut = dir.resolve("switchboard-1.jsa.2147483646"); // left by a writer that died (no such process)
        Files.writeString(cut, "cut short");
        long writer = gateway.pid();
        gateway.terminate();
        Path written;
        try (var files = Files.list(dir)) {
            written = files.filter(f -> f.getFileName().toString().matches("switchboard-[0-9]+\\.jsa\\." + writer))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no archive written by " + writer + " in " + dir));
        }
        byte[] head = Files.readAllBytes(written);
        assertTrue("a whole dynamic archive (" + head.length + " bytes)", head.length > 1_000_000);
        assertEquals(
                "the dynamic archive's magic",
                0xf00baba8,
                java.nio.ByteBuffer.wrap(head, 0, 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getInt());

        assertTrue(
                "the bundle classes the start loaded are linked for the archive: " + gateway.log(),
                gateway.log().matches("(?s).*Class-data archive: linked [1-9][0-9]+ classes loaded from bundles.*"));
        long fromBundlesFirst = classesReadFromBundles(loads);

        gateway = gateway.restart();
        long fromBundles = classesReadFromBundles(loads);
        assertTrue(
                "classes still read from the bundles at a start with the archive: " + fromBundles + " (first start: "
                        + fromBundlesFirst + "; about 800 when only the classes the start linked were archived)",
                fromBundlesFirst > 3000 && fromBundles < 100);
        Path adopted = onlyFile(dir, "switchboard-[0-9]+\\.jsa");
        assertEquals(written.getFileName().toString(), adopted.getFileName() + "." + writer);
        assertFalse("the older build's archive is gone", Files.exists(stale));
        assertFalse("the cut archive is gone", Files.exists(cut));
        String maps = Files.readString(Path.of("/proc/" + gateway.pid() + "/maps"));
        assertTrue("the JVM maps the archive", maps.contains(adopted.toString()));
        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml");

        gateway.terminate();
        gateway = gateway.restart(); // a start with the archive in place leaves it as it is
        assertEquals(adopted, onlyFile(dir, "switchboard-[0-9]+\\.jsa"));
    }

    /** Classes a start's {@code -Xlog:class+load} log says were read from a bundle (not an archive, not the JDK). */
    private static long classesReadFromBundles(Path log) throws java.io.IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" source: jar:")).count();
        }
    }

    private static Path onlyFile(Path dir, String regex) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            java.util.List<Path> all = files.toList();
            assertEquals("files in " + dir + ": " + all, 1, all.size());
            assertTrue(
                    all + " match " + regex, all.get(0).getFileName().toString().matches(regex));
            return all.get(0);
        }
    }

    @Test
    public void aRecordedCallSurvivesTheProcessBeingKilled() throws Exception {
        gateway =
                Gateway.builder("LauncherIT-kill").workingDirectory("elsewhere").start();
        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml");
        Http admin = gateway.adminHttp();
        String ended = "/api/admin/conversations?did=%2B15550100&endedBy=transfer";
        for (int i = 0; i < 100 && !admin.get(ended).body().contains("sessionId"); i++) {
            Thread.sleep(50);
        }
        gateway.kill(); // SIGKILL the moment the call shows as ended: no shutdown, no flush

        gateway = gateway.restart();
        String list = admin.get(ended).body();
        Matcher id = Pattern.compile("\"sessionId\":\\s*\"([0-9a-f]{24})\"").matcher(list);
        assertTrue("the ended call is still there after the kill: " + list, id.find());
        String detail =
                admin.get("/api/admin/conversations/" + id.group(1)).body().replaceAll("\\s+", "");
        assertTrue(detail, detail.contains("\"firstLine\":\"BYEsip:"));
        assertTrue(detail, detail.contains("\"header.X-Intent\":\"Billing\""));
    }
}

package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * The README's run command end to end: {@code ./switchboard} started from an unrelated working directory reaches
 * healthy, prints the console address, answers SIP OPTIONS, serves the console with the generated credentials,
 * and stops cleanly on SIGTERM. The times are printed (for the record), not asserted, beyond "does not hang".
 */
public class LauncherIT {

    private Process process;

    @After
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    public void startsHealthyAnswersSipAndStopsCleanly() throws Exception {
        Path home = home();
        Path work = workDir("LauncherIT-");
        Path cwd = Files.createDirectories(work.resolve("elsewhere"));
        int http = FreePorts.tcpAndUdp();
        int sip = FreePorts.tcpAndUdp();
        Path out = work.resolve("console.txt");

        long start = System.nanoTime();
        launch(home, cwd, http, sip, out);
        awaitHealthy(http, out, start);
        long healthyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        Path data = cwd.resolve("data");
        assertTrue("the data directory defaults to ./data of the working directory",
                Files.isDirectory(data.resolve("felix-cache")));
        Sipp.run(home, "options.xml", "udp", sip, work);
        Sipp.run(home, "options.xml", "tcp", sip, work);

        String password = Files.readString(data.resolve("admin.password")).trim();
        assertEquals(200, status(http, "/system/console/bundles.json", "admin:" + password));

        // the README's API example, as a user runs it: a call, then its details and summary with a fresh JWT app
        Sipp.run(home, "zcc-transfer-bye.xml", "udp", sip, work);
        ProcessBuilder example = new ProcessBuilder(home.resolve("examples/api/conversation-details.sh").toString());
        example.environment().put("SWITCHBOARD_URL", "http://127.0.0.1:" + http);
        example.directory(cwd.toFile()).redirectErrorStream(true);
        Process ex = example.start();
        String answer = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer, ex.waitFor(30, TimeUnit.SECONDS) && ex.exitValue() == 0);
        assertTrue(answer, answer.contains("\"conversationInfo\""));
        assertTrue(answer, answer.contains("handed the call to an agent"));
        assertEquals(401, status(http, "/system/console/bundles.json", "admin:admin"));

        long stopStart = System.nanoTime();
        process.destroy(); // SIGTERM
        assertTrue("did not stop within 15 s", process.waitFor(15, TimeUnit.SECONDS));
        long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart);
        String console = Files.readString(out);
        assertTrue(console, console.contains("SIP stack stopped"));
        assertTrue(console, console.contains("Switchboard stopped"));
        assertTrue("the terminal says where the generated password is: " + console,
                console.matches("(?s).*read it from \\S*/admin\\.password \\(owner-only\\).*"));
        assertFalse("the password is neither printed nor logged", console.contains(password)
                || Files.readString(data.resolve("log/switchboard.log")).contains(password));
        System.out.printf("LauncherIT: healthy %d ms after start, stopped %d ms after SIGTERM%n", healthyMs, stopMs);
    }

    @Test
    public void aRecordedCallSurvivesTheProcessBeingKilled() throws Exception {
        Path home = home();
        Path work = workDir("LauncherIT-kill-");
        Path cwd = Files.createDirectories(work.resolve("elsewhere"));
        int http = FreePorts.tcpAndUdp();
        int sip = FreePorts.tcpAndUdp();
        launch(home, cwd, http, sip, work.resolve("console-1.txt"));
        awaitHealthy(http, work.resolve("console-1.txt"), System.nanoTime());

        Sipp.run(home, "zcc-transfer-bye.xml", "udp", sip, work);
        String auth = "admin:" + Files.readString(cwd.resolve("data/admin.password")).trim();
        String ended = "/api/admin/conversations?did=%2B15550100&endedBy=transfer";
        for (int i = 0; i < 100 && !get(http, ended, auth).contains("sessionId"); i++) {
            Thread.sleep(50);
        }
        process.destroyForcibly(); // SIGKILL the moment the call shows as ended: no shutdown, no flush
        assertTrue(process.waitFor(15, TimeUnit.SECONDS));

        launch(home, cwd, http, sip, work.resolve("console-2.txt"));
        awaitHealthy(http, work.resolve("console-2.txt"), System.nanoTime());
        String list = get(http, ended, auth);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"sessionId\":\\s*\"([0-9a-f]{24})\"")
                .matcher(list);
        assertTrue("the ended call is still there after the kill: " + list, id.find());
        String detail = get(http, "/api/admin/conversations/" + id.group(1), auth).replaceAll("\\s+", "");
        assertTrue(detail, detail.contains("\"firstLine\":\"BYEsip:"));
        assertTrue(detail, detail.contains("\"header.X-Intent\":\"Billing\""));
    }

    private static Path home() {
        return Paths.get(System.getProperty("switchboard.home", "..")).toAbsolutePath().normalize();
    }

    private static Path workDir(String prefix) {
        return Paths.get(System.getProperty("switchboard.itest.dir", "target/itest")).toAbsolutePath()
                .resolve(prefix + System.nanoTime());
    }

    private void launch(Path home, Path cwd, int http, int sip, Path out) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("switchboard").toString(), "--no-build");
        pb.environment().put("SWITCHBOARD_HTTP_PORT", Integer.toString(http));
        pb.environment().put("SWITCHBOARD_SIP_PORT", Integer.toString(sip));
        pb.environment().remove("SWITCHBOARD_DATA");
        pb.directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        process = pb.start();
    }

    private static void awaitHealthy(int http, Path out, long start) throws Exception {
        awaitOutput(out, "Switchboard console: http://127.0.0.1:" + http + "/system/console", 90);
        while (status(http, "/health", null) != 200) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(90)) {
                fail("not healthy after 90 s:\n" + Files.readString(out));
            }
            Thread.sleep(100);
        }
    }

    private static String get(int port, String path, String credentials) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setRequestProperty("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        assertEquals(path, 200, c.getResponseCode());
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void awaitOutput(Path out, String needle, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(out) && Files.readString(out).contains(needle)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("never printed '" + needle + "':\n" + (Files.exists(out) ? Files.readString(out) : ""));
    }

    private static int status(int port, String path, String credentials) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            if (credentials != null) {
                c.setRequestProperty("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            int s = c.getResponseCode();
            c.disconnect();
            return s;
        } catch (IOException e) {
            return -1;
        }
    }
}

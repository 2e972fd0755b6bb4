package org.switchboard.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Http;
import org.switchboard.testing.Sipp;

/**
 * The feature repository in a real Apache Karaf: the minimal distribution from Maven Central is unpacked, given
 * free ports and Switchboard's default configuration files, started; {@code feature:repo-add} and
 * {@code feature:install switchboard} are run through Karaf's own client; then {@code /health} must answer 200 and
 * sipp's OPTIONS must get its 200 OK.
 */
public class KarafIT {

    private Process karaf;
    private Path home;

    @Test
    public void switchboardInstallsInKarafAndAnswersSipAndHealth() throws Exception {
        home = Paths.get(System.getProperty("karaf.dir"));
        Path repo = Paths.get(System.getProperty("switchboard.home"))
                .toAbsolutePath()
                .normalize();
        assertTrue("Karaf unpacked at " + home, Files.isRegularFile(home.resolve("bin/karaf")));
        int ssh = FreePorts.tcpAndUdp();
        int http = FreePorts.tcpAndUdp();
        int sip = FreePorts.tcpAndUdp();
        Path data = home.resolve("switchboard-data");
        for (Path old : List.of(home.resolve("data"), data)) { // a run before this one left its state
            if (Files.exists(old)) {
                try (var walk = Files.walk(old)) {
                    walk.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }

        edit("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(ssh));
        edit("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        edit("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(FreePorts.tcpAndUdp()));
        edit("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(FreePorts.tcpAndUdp()));
        edit("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1");
        edit("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1");
        edit(
                "etc/org.ops4j.pax.url.mvn.cfg",
                "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("maven.repo.local"));
        Files.writeString(home.resolve("etc/users.properties"), """
                karaf = karaf,_g_:admingroup
                _g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh
                """);
        Files.writeString(
                home.resolve("etc/system.properties"),
                """

                org.osgi.service.http.port=%d
                org.apache.felix.http.host=127.0.0.1
                switchboard.sip.address=127.0.0.1
                switchboard.sip.port=%d
                switchboard.home=%s
                switchboard.data=%s
                """.formatted(http, sip, repo, data),
                java.nio.file.StandardOpenOption.APPEND);
        try (DirectoryStream<Path> cfgs = Files.newDirectoryStream(repo.resolve("felix-config"), "*.{cfg,config}")) {
            for (Path c : cfgs) {
                Files.copy(
                        c,
                        home.resolve("etc").resolve(c.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf.out").toFile())
                .start();
        awaitPort(ssh, 120);
        client(ssh, "feature:repo-add " + System.getProperty("features.url"));
        client(ssh, "feature:install switchboard");

        int status = 0;
        for (int i = 0; i < 240 && status != 200; i++) {
            Thread.sleep(500);
            status = Http.local(http).status("/health");
        }
        assertEquals("GET /health in Karaf (log: " + home.resolve("data/log/karaf.log") + ")", 200, status);

        Sipp.scenario(Sipp.example("options.xml"))
                .timeout(15)
                .in(home, "sipp-options")
                .options("-m", "1")
                .run("127.0.0.1:" + sip);
    }

    @After
    public void stop() throws InterruptedException {
        if (karaf != null) {
            // bin/karaf starts the JVM as its child: stop that too, or it outlives the test
            List<ProcessHandle> jvm = karaf.descendants().toList();
            jvm.forEach(ProcessHandle::destroy);
            karaf.destroy();
            for (ProcessHandle p : jvm) {
                try {
                    p.onExit().get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    p.destroyForcibly();
                }
            }
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                karaf.destroyForcibly();
            }
        }
    }

    private void edit(String file, String key, String value) throws IOException {
        Path f = home.resolve(file);
        if (!Files.exists(f) && file.contains("management")) {
            return; // the minimal distribution has no JMX connector to move
        }
        List<String> lines = new ArrayList<>();
        boolean found = false;
        for (String l : Files.readAllLines(f)) {
            if (l.matches("#?\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*")) {
                lines.add(key + " = " + value);
                found = true;
            } else {
                lines.add(l);
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(f, lines);
    }

    private void client(int ssh, String command) throws Exception {
        Process p = new ProcessBuilder(
                        home.resolve("bin/client").toString(),
                        "-a",
                        Integer.toString(ssh),
                        "-h",
                        "127.0.0.1",
                        "-u",
                        "karaf",
                        "-p",
                        "karaf",
                        "-r",
                        "30",
                        "-d",
                        "2",
                        command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("karaf client did not finish: " + command + "\n" + out);
        }
        assertEquals("karaf> " + command + "\n" + out, 0, p.exitValue());
        assertTrue("karaf> " + command + "\n" + out, !out.contains("Error executing command"));
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 2; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        fail("Karaf's SSH port " + port + " did not open");
    }
}

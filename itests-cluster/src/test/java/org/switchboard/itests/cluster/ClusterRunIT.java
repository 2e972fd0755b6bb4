package org.switchboard.itests.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Sipp;

/**
 * The README's one command for a local cluster, {@code cluster/run.sh}: it starts PostgreSQL, Kamailio and two nodes,
 * a call through the proxy passes, and SIGTERM (as Ctrl-C) stops every process it started.
 */
public class ClusterRunIT {

    @Test
    public void theOneCommandRunsACallableClusterAndStopsItAll() throws Exception {
        Path home = Sipp.home();
        Path dir = Paths.get(System.getProperty("switchboard.itest.dir", "target/itest"))
                .toAbsolutePath()
                .resolve("ClusterRunIT-" + System.nanoTime());
        Files.createDirectories(dir);
        int proxy = FreePorts.tcpAndUdp();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("cluster/run.sh").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("CLUSTER_DIR", dir.resolve("cluster").toString());
        pb.environment().put("PROXY_PORT", Integer.toString(proxy));
        pb.environment().put("NODE_SIP_PORT", Integer.toString(FreePorts.tcpAndUdp()));
        pb.environment().put("NODE_HTTP_PORT", Integer.toString(FreePorts.tcpAndUdp()));
        pb.environment().put("PG_PORT", Integer.toString(FreePorts.tcpAndUdp()));
        Process run = pb.start();
        try {
            long deadline = System.currentTimeMillis() + 180_000;
            while (!Files.readString(dir.resolve("run.txt")).contains("Switchboard cluster running")) {
                assertTrue("cluster/run.sh ended:\n" + Files.readString(dir.resolve("run.txt")), run.isAlive());
                assertTrue(
                        "not running after 180 s:\n" + Files.readString(dir.resolve("run.txt")),
                        System.currentTimeMillis() < deadline);
                Thread.sleep(200);
            }
            Sipp.Run sipp = Sipp.scenario(Sipp.example("zcc-transfer-bye.xml"))
                    .timeout(60)
                    .in(dir, "sipp")
                    .options("-m", "1")
                    .start("127.0.0.1:" + proxy);
            assertEquals("the seed transfer call through the proxy: " + sipp.errors(), 0, sipp.await());
        } finally {
            run.destroy();
            assertTrue("cluster/run.sh stops within 60 s of SIGTERM", run.waitFor(60, TimeUnit.SECONDS));
        }
        String out = Files.readString(dir.resolve("run.txt"));
        assertTrue(out, out.contains("Cluster stopped."));
        Process left = new ProcessBuilder("pgrep", "-f", dir.resolve("cluster").toString()).start();
        String pids = new String(left.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        left.waitFor();
        assertEquals("no process of the cluster is left", List.of(), pids.isEmpty() ? List.of() : List.of(pids));
    }
}

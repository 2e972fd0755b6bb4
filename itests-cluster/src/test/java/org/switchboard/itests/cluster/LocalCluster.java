package org.switchboard.itests.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.testing.FreePorts;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Metrics;
import org.switchboard.testing.Sipp;

/**
 * A cluster as {@code cluster/run.sh} builds one, on free ports: a fresh database on the test PostgreSQL server
 * ({@code SWITCHBOARD_TEST_PG_URL}), Switchboard nodes on their own loopback addresses sharing it, and Kamailio with
 * the shipped {@code cluster/kamailio/kamailio.cfg} in front of them on 127.0.0.1.
 */
final class LocalCluster implements AutoCloseable {

    /** How long a node's heartbeat may stand still before the others declare it lost (the default is 10 s). */
    static final int LOST_AFTER_S = 3;

    final Path dir;
    final String dbUrl;
    final int proxyPort;
    private final String key;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, Gateway> nodes = new LinkedHashMap<>();
    private final Map<String, Sipp.Run> sipps = new LinkedHashMap<>();
    private Process kamailio;

    private LocalCluster(Path dir, String dbUrl, int proxyPort) {
        this.dir = dir;
        this.dbUrl = dbUrl;
        this.proxyPort = proxyPort;
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        this.key = Base64.getEncoder().encodeToString(k);
    }

    /** Starts the nodes ({@code id=address} each), then Kamailio in front of them; waits until all are active. */
    static LocalCluster start(String name, String... nodes) throws Exception {
        Path dir = java.nio.file.Paths.get(System.getProperty("switchboard.itest.dir", "target/itest"))
                .toAbsolutePath()
                .resolve(name + "-" + System.nanoTime());
        Files.createDirectories(dir);
        LocalCluster c = new LocalCluster(dir, createDatabase(name), FreePorts.tcpAndUdp());
        try {
            for (String n : nodes) {
                c.addresses.put(n.substring(0, n.indexOf('=')), n.substring(n.indexOf('=') + 1));
            }
            for (String id : c.addresses.keySet()) {
                c.nodes.put(id, c.startNode(id, Map.of()));
            }
            c.startKamailio();
            c.awaitFlags(c.addresses.keySet().stream().map(id -> "A").toList().toArray(String[]::new));
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    /** An empty database of its own on the test server. */
    private static String createDatabase(String name) throws Exception {
        String server = System.getenv("SWITCHBOARD_TEST_PG_URL");
        if (server == null || server.isBlank()) {
            throw new AssertionError(
                    "SWITCHBOARD_TEST_PG_URL is not set: run ./test (it starts a throwaway PostgreSQL)");
        }
        String db = (name + "_" + System.nanoTime())
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return server.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
    }

    /** Starts node {@code id} on its address, configured for the cluster, with more store properties. */
    Gateway startNode(String id, Map<String, String> storeExtra) throws Exception {
        Map<String, String> store = new LinkedHashMap<>(Map.of(
                "url",
                dbUrl,
                "driver.target",
                "(osgi.jdbc.driver.class=org.postgresql.Driver)",
                "node.id",
                id,
                ".secret.key",
                key,
                "node.lost.after.s",
                Integer.toString(LOST_AFTER_S),
                "heartbeat.ms",
                "500"));
        store.putAll(storeExtra);
        return Gateway.start(
                "cluster-" + id,
                Map.of(
                        "org.switchboard.store.cfg",
                        store,
                        "org.switchboard.sip.cfg",
                        Map.of("trusted.proxies", "127.0.0.1")),
                Map.of("SWITCHBOARD_SIP_ADDRESS", addresses.getOrDefault(id, "127.0.0.9")));
    }

    Gateway node(String id) {
        return nodes.get(id);
    }

    /** Replaces a node's gateway (after a restart). */
    void put(String id, Gateway g) {
        nodes.put(id, g);
    }

    String address(String id) {
        return addresses.get(id);
    }

    private void startKamailio() throws Exception {
        Path kam = dir.resolve("kamailio");
        Files.createDirectories(kam);
        StringBuilder list = new StringBuilder();
        nodes.forEach((id, g) -> list.append("1 sip:")
                .append(addresses.get(id))
                .append(':')
                .append(g.sip)
                .append(" 0 0 duid=")
                .append(id)
                .append(";maxload=2000\n"));
        Files.writeString(kam.resolve("dispatcher.list"), list);
        Files.deleteIfExists(kam.resolve("ctl"));
        Path home = Sipp.home();
        kamailio = new ProcessBuilder(
                        "kamailio",
                        "-DD",
                        "-E",
                        "-f",
                        home.resolve("cluster/kamailio/kamailio.cfg").toString(),
                        "-Y",
                        kam.toString(),
                        "-P",
                        kam.resolve("kamailio.pid").toString(),
                        "-A",
                        "LISTEN_UDP=udp:127.0.0.1:" + proxyPort,
                        "-A",
                        "LISTEN_TCP=tcp:127.0.0.1:" + proxyPort,
                        "-A",
                        "DISPATCHER_LIST=\"" + kam.resolve("dispatcher.list") + "\"",
                        "-A",
                        "CTL_SOCKET=\"unix:" + kam.resolve("ctl") + "\"")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        kam.resolve("kamailio.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Starts Kamailio again after {@link #stopKamailio}, with the same configuration. */
    void restartKamailio() throws Exception {
        startKamailio();
    }

    /** Stops Kamailio (SIGTERM). */
    void stopKamailio() throws InterruptedException {
        kamailio.destroy();
        kamailio.waitFor(10, TimeUnit.SECONDS);
    }

    String kamailioLog() throws IOException {
        return Files.readString(dir.resolve("kamailio/kamailio.log"), StandardCharsets.ISO_8859_1);
    }

    /** {@code kamcmd} on Kamailio's control socket; its output. */
    String kamcmd(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kamcmd", "-s", "unix:" + dir.resolve("kamailio/ctl")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** The dispatcher's flags of each node (by node id): {@code AP} active, {@code IP} inactive and probing, ... */
    Map<String, String> flags() throws Exception {
        String out = kamcmd("dispatcher.list");
        Map<String, String> flags = new LinkedHashMap<>();
        Matcher m =
                Pattern.compile("URI: sip:([0-9.]+):(\\d+)\\s+FLAGS: (\\w+)").matcher(out);
        while (m.find()) {
            for (Map.Entry<String, Gateway> n : nodes.entrySet()) {
                if (addresses.get(n.getKey()).equals(m.group(1)) && n.getValue().sip == Integer.parseInt(m.group(2))) {
                    flags.put(n.getKey(), m.group(3));
                }
            }
        }
        return flags;
    }

    /**
     * Waits up to 15 s until each node's dispatcher flags start with the given letter, in node order ({@code A}
     * active, {@code I} inactive); returns the milliseconds it took.
     */
    long awaitFlags(String... first) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(15);
        Map<String, String> now = Map.of();
        while (System.nanoTime() < deadline) {
            now = flags();
            List<String> ids = new ArrayList<>(nodes.keySet());
            boolean all = now.size() == ids.size();
            for (int i = 0; all && i < ids.size(); i++) {
                all = now.get(ids.get(i)).startsWith(first[i]);
            }
            if (all) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "dispatcher flags " + now + " after 15 s, wanted " + List.of(first) + "\n" + kamailioLog());
    }

    /**
     * sipp on a scenario from {@code source} (a loopback address) to {@code target} ({@code host:port}); its files
     * (statistics in {@code <tag>.csv}) in the cluster's directory.
     */
    Sipp.Run sipp(String tag, String scenario, String source, String target, String... options) throws IOException {
        Path file = scenario.startsWith("examples/")
                ? Sipp.home().resolve(scenario)
                : Sipp.resource(LocalCluster.class, scenario, dir);
        Sipp.Run run = Sipp.scenario(file)
                .from(source)
                .timeout(120)
                .in(dir, tag)
                .statistics()
                .options(options)
                .start(target);
        sipps.put(tag, run);
        return run;
    }

    String proxy() {
        return "127.0.0.1:" + proxyPort;
    }

    /** The last cumulative counts of a sipp run's statistics: successful and failed calls. */
    int[] calls(String tag) throws IOException {
        return sipps.get(tag).calls();
    }

    /** What sipp wrote about failed calls in a run. */
    String errors(String tag) throws IOException {
        return sipps.get(tag).errors();
    }

    /** The sum of a counter's samples in a node's /metrics. */
    static long counter(Gateway g, String name) throws Exception {
        return Metrics.parse(g.admin("GET", "/metrics", null).body()).count(name);
    }

    @Override
    public void close() throws Exception {
        sipps.values().forEach(Sipp.Run::kill);
        if (kamailio != null) {
            kamailio.destroy();
            if (!kamailio.waitFor(10, TimeUnit.SECONDS)) {
                kamailio.destroyForcibly();
            }
        }
        for (Gateway g : nodes.values()) {
            g.close();
        }
    }
}

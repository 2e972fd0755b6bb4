package org.switchboard.itests.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Jwt;
import org.switchboard.testing.Sipp;

/**
 * Calls at a steady rate through Kamailio while a node is killed, drained, or restarted in turn: a killed node loses
 * only the calls it held (every record it wrote stays readable from the survivor, which closes those sessions as
 * 'node lost'), and a drain or a rolling restart loses none.
 */
public class ClusterFailoverIT {

    private static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";
    private static LocalCluster cluster;

    @BeforeClass
    public static void start() throws Exception {
        cluster = LocalCluster.start("ClusterFailoverIT", "node-a=127.0.0.2", "node-b=127.0.0.3");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Calls to the demo's bot-hangup flow (half a second each) through the proxy at {@code rate} for {@code n}. */
    private static Sipp.Run load(String tag, int rate, int n) throws Exception {
        return cluster.sipp(
                tag,
                "cluster-call.xml",
                "127.0.0.1",
                cluster.proxy(),
                "-s",
                "+15550101",
                "-r",
                Integer.toString(rate),
                "-m",
                Integer.toString(n),
                "-l",
                "200",
                "-recv_timeout",
                "8000");
    }

    @Test
    public void aKilledNodeLosesOnlyTheCallsItHeldAndItsRecordsStayReadable() throws Exception {
        Sipp.Run sipp = load("failover", 50, 1000);
        Thread.sleep(6000);
        Map<String, Integer> recorded = recordsOf("node-a");
        assertTrue("node-a took calls before the kill: " + recorded.size(), recorded.size() > 20);
        cluster.node("node-a").kill();
        long detected = cluster.awaitFlags("I", "A");
        assertTrue("the load run ended", sipp.await() != -1);
        int[] calls = cluster.calls("failover");
        int lost = countLost("node-a");
        System.out.printf(
                "failover: detection %d ms after the kill; %d calls ok, %d failed, %d sessions closed as "
                        + "node lost%n",
                detected, calls[0], calls[1], lost);
        assertEquals(1000, calls[0] + calls[1]);
        assertTrue(
                "only calls node-a held failed: " + calls[1] + " failed, " + lost + " lost\n"
                        + cluster.errors("failover"),
                calls[1] <= lost + 3);

        Gateway b = cluster.node("node-b");
        for (Map.Entry<String, Integer> r : recorded.entrySet()) {
            String c = b.admin("GET", "/api/admin/conversations/" + r.getKey(), null)
                    .body();
            assertTrue(
                    "session " + r.getKey() + " kept its " + r.getValue() + " turns and events: " + c,
                    countRecords(c) >= r.getValue());
            assertTrue("every session node-a held is closed: " + c, Gateway.has(c, "endedAt"));
        }

        String lostSession = lostSession("node-a");
        java.net.http.HttpResponse<String> app = b.admin(
                "POST", "/api/admin/bots/" + BOT + "/apps", "{\"name\": \"failover\", \"scopes\": [\"chat-history\"]}");
        assertEquals(app.body(), 201, app.statusCode());
        String token = Jwt.hs256(
                "{\"appId\": \"" + Gateway.field(app.body(), "clientId") + "\", \"exp\": "
                        + (System.currentTimeMillis() / 1000 + 600) + "}",
                Gateway.field(app.body(), "clientSecret"));
        java.net.http.HttpResponse<String> details = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(b.url("/api/public/bot/" + BOT + "/conversationDetails")))
                                .header("auth", token)
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"sessionId\": \"" + lostSession + "\"}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "the survivor's Conversation Details API serves the lost node's session: " + details.body(),
                200,
                details.statusCode());
        assertTrue(details.body(), details.body().contains(lostSession));
        java.net.http.HttpResponse<String> down = b.admin("POST", "/api/admin/calls/" + lostSession + "/hangup", null);
        assertEquals(down.body(), 409, down.statusCode());
        assertTrue(down.body(), down.body().contains("Node node-a held call " + lostSession + " and is down"));

        Sipp.Run after = load("after-detection", 30, 150);
        assertEquals(0, after.await());
        assertEquals("no call fails once Kamailio knows", 0, cluster.calls("after-detection")[1]);
        cluster.put("node-a", cluster.node("node-a").restart());
        cluster.awaitFlags("A", "A");
    }

    @Test
    public void aDrainedNodeFinishesItsCallsTakesNoNewOnesAndNoCallFails() throws Exception {
        Gateway a = cluster.node("node-a");
        Sipp.Run sipp = load("drain", 40, 600);
        Thread.sleep(4000);
        String drained = a.admin("POST", "/api/admin/node/drain", null).body();
        assertTrue(drained, drained.contains("\"state\": \"draining\""));
        cluster.awaitFlags("I", "A");
        long deadline = System.currentTimeMillis() + 15_000;
        while (!a.admin("GET", "/api/admin/node", null).body().contains("\"empty\": true")) {
            assertTrue("node-a still has calls 15 s after the drain", System.currentTimeMillis() < deadline);
            Thread.sleep(100);
        }
        long started = LocalCluster.counter(a, "switchboard_calls_started_total");
        assertEquals(0, sipp.await());
        int[] calls = cluster.calls("drain");
        assertEquals(cluster.errors("drain"), 600, calls[0]);
        assertEquals(
                "node-a took no call once drained",
                started,
                LocalCluster.counter(a, "switchboard_calls_started_total"));
        a.admin("POST", "/api/admin/node/undrain", null);
        cluster.awaitFlags("A", "A");
    }

    @Test
    public void aRollingRestartOfEveryNodeDropsNoCall() throws Exception {
        Sipp.Run sipp = load("rolling", 30, 2400);
        Thread.sleep(3000);
        for (String id : new String[] {"node-a", "node-b"}) {
            Gateway g = cluster.node(id);
            g.admin("POST", "/api/admin/node/drain", null);
            long deadline = System.currentTimeMillis() + 20_000;
            while (!g.admin("GET", "/api/admin/node", null).body().contains("\"empty\": true")) {
                assertTrue(id + " still has calls 20 s after the drain", System.currentTimeMillis() < deadline);
                Thread.sleep(100);
            }
            g.terminate();
            upgradeAdapter(g);
            g = g.restart();
            cluster.put(id, g);
            awaitAdapter(g, "0.9.0");
            g.admin("POST", "/api/admin/node/undrain", null);
            cluster.awaitFlags("A", "A");
        }
        assertTrue("the load outlasted both restarts", sipp.alive());
        assertEquals(0, sipp.await());
        int[] calls = cluster.calls("rolling");
        assertEquals(cluster.errors("rolling"), 2400, calls[0]);
        assertEquals(0, calls[1]);
    }

    /** Puts a newer version (0.9.0) of the ZCC adapter bundle in a stopped node's deploy directory. */
    private static void upgradeAdapter(Gateway g) throws Exception {
        java.nio.file.Path target = g.home.resolve("bundles/adapter-zcc/target");
        java.nio.file.Path jar;
        try (var files = java.nio.file.Files.list(target)) {
            jar = files.filter(f -> f.getFileName()
                            .toString()
                            .matches("org\\.switchboard\\.adapter-zcc-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no adapter-zcc jar in " + target));
        }
        java.nio.file.Path deploy = g.work.resolve("deploy");
        java.nio.file.Files.createDirectories(deploy);
        Process p = new ProcessBuilder(
                        "java",
                        g.home.resolve("bench/Rebundle.java").toString(),
                        jar.toString(),
                        deploy.resolve("adapter-zcc-0.9.0.jar").toString(),
                        "0.9.0")
                .inheritIO()
                .start();
        assertEquals("Rebundle", 0, p.waitFor());
    }

    /** Waits until the node runs exactly one ZCC adapter, of {@code version}. */
    private static void awaitAdapter(Gateway g, String version) throws Exception {
        java.util.regex.Pattern adapter = java.util.regex.Pattern.compile(
                "\"symbolicName\":\\s*\"org\\.switchboard\\.adapter-zcc\",\\s*\"version\":\\s*\"([^\"]+)\",\\s*\"state\":\\s*\"(\\w+)\"");
        long deadline = System.currentTimeMillis() + 20_000;
        String health = "";
        while (System.currentTimeMillis() < deadline) {
            health = g.get("/health");
            java.util.regex.Matcher m = adapter.matcher(health);
            java.util.List<String> found = new java.util.ArrayList<>();
            while (m.find()) {
                found.add(m.group(1) + " " + m.group(2));
            }
            if (found.equals(java.util.List.of(version + " ACTIVE"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node does not run adapter-zcc " + version + " alone: " + health);
    }

    /** For each session of {@code node}: how many turns and events the database holds for it now. */
    private static Map<String, Integer> recordsOf(String node) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(cluster.dbUrl);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT s.session_id, (SELECT COUNT(*) FROM session_turns t WHERE "
                        + "t.session_id = s.session_id) + (SELECT COUNT(*) FROM session_events e WHERE e.session_id = "
                        + "s.session_id) FROM sessions s WHERE s.node_id = '" + node + "'")) {
            while (r.next()) {
                out.put(r.getString(1), r.getInt(2));
            }
        }
        return out;
    }

    /** The sessions of {@code node} closed as 'node lost', once its open ones are all closed (within 15 s). */
    private static int countLost(String node) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try (Connection c = DriverManager.getConnection(cluster.dbUrl);
                    Statement s = c.createStatement();
                    ResultSet open = s.executeQuery(
                            "SELECT COUNT(*) FROM sessions WHERE node_id = '" + node + "' AND ended_at IS NULL")) {
                open.next();
                if (open.getInt(1) == 0) {
                    try (ResultSet lost = s.executeQuery("SELECT COUNT(*) FROM sessions WHERE node_id = '" + node
                            + "' AND end_reason = 'node lost'")) {
                        lost.next();
                        return lost.getInt(1);
                    }
                }
            }
            assertTrue(node + " still has open sessions 15 s after the kill", System.currentTimeMillis() < deadline);
            Thread.sleep(200);
        }
    }

    /** A session of {@code node} closed as 'node lost'. */
    private static String lostSession(String node) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.dbUrl);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT session_id FROM sessions WHERE node_id = '" + node
                        + "' AND end_reason = 'node lost'")) {
            assertTrue("a session of " + node + " was closed as node lost", r.next());
            return r.getString(1);
        }
    }

    /** Turns and events in a conversation's admin API details. */
    private static int countRecords(String details) {
        int turns = section(details, "\"turns\"", "\"events\"");
        int events = section(details, "\"events\"", "\"sipMessages\"");
        return turns + events;
    }

    private static int section(String json, String from, String to) {
        int a = json.indexOf(from);
        int b = json.indexOf(to, a);
        return a < 0 || b < 0 ? 0 : count(json.substring(a, b), "\"at\":");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

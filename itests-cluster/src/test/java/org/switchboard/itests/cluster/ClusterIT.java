package org.switchboard.itests.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.FaultProxy;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Jwt;
import org.switchboard.testing.Sipp;

/**
 * Two nodes on one PostgreSQL behind Kamailio ({@code cluster/kamailio/kamailio.cfg}): the seed scenarios pass
 * through the proxy, calls spread over both nodes, the contact center's real address reaches the trunk allow-list
 * and a forged one does not, a change made on one node takes effect on the other, nodes serve direct calls while
 * Kamailio is down, and a node with a duplicate id or a database of something else refuses to start.
 */
public class ClusterIT {

    private static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";
    private static LocalCluster cluster;

    @BeforeClass
    public static void start() throws Exception {
        cluster = LocalCluster.start("ClusterIT", "node-a=127.0.0.2", "node-b=127.0.0.3");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void run(String tag, String scenario, String source, String target, String... options)
            throws Exception {
        Sipp.Run p = cluster.sipp(tag, scenario, source, target, options);
        int rc = p.await();
        assertEquals(
                "sipp " + tag + ": " + cluster.errors(tag) + Files.readString(cluster.dir.resolve(tag + ".out")),
                0,
                rc);
    }

    @Test
    public void theSeedScenariosReferAndRefreshesPassThroughTheProxyWithTheirKoreHeaders() throws Exception {
        for (String s : new String[] {
            "zcc-transfer-bye", "zcc-bot-hangup", "zcc-caller-hangup", "zcc-transfer-refer", "zcc-session-refresh"
        }) {
            run("seed-" + s, "examples/sipp/" + s + ".xml", "127.0.0.1", cluster.proxy(), "-m", "1");
        }
        String log = cluster.kamailioLog();
        assertTrue(log, log.contains("to node sip:127.0.0."));
    }

    @Test
    public void callsSpreadOverBothNodesByLoad() throws Exception {
        long a0 = LocalCluster.counter(cluster.node("node-a"), "switchboard_calls_started_total");
        long b0 = LocalCluster.counter(cluster.node("node-b"), "switchboard_calls_started_total");
        run(
                "spread",
                "cluster-call.xml",
                "127.0.0.1",
                cluster.proxy(),
                "-s",
                "+15550101",
                "-r",
                "40",
                "-m",
                "200",
                "-l",
                "100",
                "-recv_timeout",
                "10000");
        int[] calls = cluster.calls("spread");
        assertEquals(200, calls[0]);
        assertEquals(0, calls[1]);
        long a = LocalCluster.counter(cluster.node("node-a"), "switchboard_calls_started_total") - a0;
        long b = LocalCluster.counter(cluster.node("node-b"), "switchboard_calls_started_total") - b0;
        assertEquals(200, a + b);
        assertTrue("node-a " + a + ", node-b " + b, a >= 40 && b >= 40);
    }

    @Test
    public void theContactCentersAddressIsAllowListedAndAForgedOneIsNot() throws Exception {
        run("forged-via-proxy", "invite-403-forged.xml", "127.0.0.5", cluster.proxy(), "-m", "1", "-s", "+15550100");
        Gateway a = cluster.node("node-a");
        run(
                "forged-direct",
                "invite-403-forged.xml",
                "127.0.0.5",
                cluster.address("node-a") + ":" + a.sip,
                "-m",
                "1",
                "-s",
                "+15550100");
        long deadline = System.currentTimeMillis() + 5_000;
        while (!a.log().contains("from 127.0.0.5 to +15550100: 403") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // the log is written asynchronously
        }
        assertTrue(a.log(), a.log().contains("from 127.0.0.5 to +15550100: 403"));
    }

    @Test
    public void aChangeMadeOnOneNodeTakesEffectOnTheOtherAndItsAppsVerifyThere() throws Exception {
        Gateway a = cluster.node("node-a");
        Gateway b = cluster.node("node-b");
        HttpResponse<String> attach = a.admin(
                "PUT",
                "/api/admin/attachments",
                "{\"trunk\": \"zcc-demo\", \"did\": \"+15550109\", \"flow\": \"demo-hangup\"}");
        assertTrue(attach.body(), attach.statusCode() / 100 == 2);
        HttpResponse<String> app = a.admin(
                "POST", "/api/admin/bots/" + BOT + "/apps", "{\"name\": \"cluster\", \"scopes\": [\"chat-history\"]}");
        assertEquals(app.body(), 201, app.statusCode());
        try {
            long deadline = System.currentTimeMillis() + 5_000;
            while (!b.admin("GET", "/api/admin/attachments", null).body().contains("+15550109")) {
                assertTrue(
                        "node-b sees the attachment made on node-a within 5 s", System.currentTimeMillis() < deadline);
                Thread.sleep(100);
            }
            a.admin("POST", "/api/admin/node/drain", null);
            cluster.awaitFlags("I", "A");
            long b0 = LocalCluster.counter(b, "switchboard_calls_started_total");
            run("follows", "cluster-call.xml", "127.0.0.1", cluster.proxy(), "-s", "+15550109", "-m", "1");
            assertEquals(
                    "node-b took the call to the DID attached on node-a",
                    b0 + 1,
                    LocalCluster.counter(b, "switchboard_calls_started_total"));
            String session = Gateway.field(
                    b.admin("GET", "/api/admin/conversations?did=%2B15550109&limit=1", null)
                            .body(),
                    "sessionId");
            assertEquals(
                    "node-b",
                    Gateway.field(
                            a.admin("GET", "/api/admin/conversations/" + session, null)
                                    .body(),
                            "node"));

            String token = Jwt.hs256(
                    "{\"appId\": \"" + Gateway.field(app.body(), "clientId") + "\", \"exp\": "
                            + (System.currentTimeMillis() / 1000 + 600) + "}",
                    Gateway.field(app.body(), "clientSecret"));
            HttpResponse<String> details = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(b.url("/api/public/bot/" + BOT + "/conversationDetails")))
                                    .header("auth", token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\": \"" + session + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals("an app created on node-a verifies on node-b: " + details.body(), 200, details.statusCode());
        } finally {
            a.admin("POST", "/api/admin/node/undrain", null);
            a.admin("DELETE", "/api/admin/attachments/zcc-demo/%2B15550109", null);
        }
        cluster.awaitFlags("A", "A");
        HttpResponse<String> nodes = b.admin("GET", "/api/admin/nodes", null);
        assertTrue(
                nodes.body(),
                nodes.body().contains("\"node-a\"") && nodes.body().contains("\"active\""));
    }

    @Test
    public void anOperatorOnEitherNodeEndsACallTheOtherHolds() throws Exception {
        Sipp.Run held =
                cluster.sipp("held", "examples/sipp/zcc-operator-hangup.xml", "127.0.0.1", cluster.proxy(), "-m", "1");
        Gateway holder = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (holder == null && System.currentTimeMillis() < deadline) {
            for (String id : new String[] {"node-a", "node-b"}) {
                if (cluster.node(id)
                        .admin("GET", "/api/admin/node", null)
                        .body()
                        .contains("\"calls\": 1")) {
                    holder = cluster.node(id);
                }
            }
            Thread.sleep(100);
        }
        assertTrue("a node holds the call", holder != null);
        Gateway other = holder == cluster.node("node-a") ? cluster.node("node-b") : cluster.node("node-a");
        String session = Gateway.field(
                holder.admin("GET", "/api/admin/conversations?did=%2B15550102&limit=1", null)
                        .body(),
                "sessionId");
        HttpResponse<String> r = other.admin("POST", "/api/admin/calls/" + session + "/hangup", null);
        assertEquals(r.body(), 202, r.statusCode());
        assertEquals("the held call got its BYE: " + cluster.errors("held"), 0, held.await());
        String c = holder.awaitConversation("+15550102", d -> Gateway.has(d, "endedAt"), 10);
        assertTrue(c, c.contains("hang-up from the admin API"));
        assertEquals(
                404,
                other.admin("POST", "/api/admin/calls/" + session + "/hangup", null)
                        .statusCode());
        assertEquals(
                404,
                other.admin("POST", "/api/admin/calls/no-such-call/transfer", null)
                        .statusCode());
    }

    @Test
    public void aNodeCutOffFromTheDatabaseKeepsTakingCallsAndLosesNoRecord() throws Exception {
        java.util.regex.Matcher url =
                java.util.regex.Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/").matcher(cluster.dbUrl);
        assertTrue(cluster.dbUrl, url.find());
        try (FaultProxy proxy = new FaultProxy("127.0.0.1", Integer.parseInt(url.group(1)))) {
            Gateway c = cluster.startNode(
                    "node-c",
                    Map.of("url", cluster.dbUrl.replace("127.0.0.1:" + url.group(1), "127.0.0.1:" + proxy.port())));
            try {
                String target = "127.0.0.9:" + c.sip;
                Sipp.Run held = cluster.sipp(
                        "cut-held", "examples/sipp/zcc-operator-hangup.xml", "127.0.0.1", target, "-m", "1");
                long deadline = System.currentTimeMillis() + 10_000;
                while (!c.admin("GET", "/api/admin/node", null).body().contains("\"calls\": 1")) {
                    assertTrue("node-c holds the call", System.currentTimeMillis() < deadline);
                    Thread.sleep(100);
                }
                String listed = "";
                while (!listed.contains("\"sessionId\"")) { // the recorder writes the start after the answer
                    assertTrue(
                            "node-c records the held call: " + listed, System.currentTimeMillis() < deadline + 10_000);
                    Thread.sleep(100);
                    listed = c.admin("GET", "/api/admin/conversations?did=%2B15550102&limit=1", null)
                            .body();
                }
                String session = Gateway.field(listed, "sessionId");

                proxy.cut();
                run("cut-calls", "examples/sipp/zcc-bot-hangup.xml", "127.0.0.1", target, "-m", "3", "-r", "3");
                String health = c.get("/health");
                assertTrue(health, health.contains("the database was unreachable"));
                assertEquals(200, c.status("/health"));
                Thread.sleep((LocalCluster.LOST_AFTER_S + 2) * 1000L); // the other nodes declare node-c lost
                HttpResponse<String> hangup = c.admin("POST", "/api/admin/calls/" + session + "/hangup", null);
                assertEquals(hangup.body(), 202, hangup.statusCode());
                assertEquals(0, held.await());
                proxy.heal();

                deadline = System.currentTimeMillis() + 30_000;
                while (c.get("/health").contains("the database was unreachable")) {
                    assertTrue("the journal is written within 30 s", System.currentTimeMillis() < deadline);
                    Thread.sleep(200);
                }
                try (Connection db = DriverManager.getConnection(cluster.dbUrl);
                        Statement s = db.createStatement();
                        java.sql.ResultSet r = s.executeQuery("SELECT did, ended_by, end_reason FROM sessions WHERE "
                                + "node_id = 'node-c' ORDER BY started_at")) {
                    java.util.List<String> rows = new java.util.ArrayList<>();
                    while (r.next()) {
                        rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
                    }
                    assertEquals(rows.toString(), 4, rows.size());
                    assertTrue(
                            "the held call's real end won over 'node lost': " + rows,
                            rows.get(0).startsWith("+15550102") && !rows.get(0).contains("node lost"));
                    assertTrue(rows.toString(), rows.stream().skip(1).allMatch(x -> x.startsWith("+15550101 BOT")));
                }
            } finally {
                c.close();
            }
        }
    }

    @Test
    public void nodesServeCallsSentStraightToThemWhileKamailioIsDown() throws Exception {
        cluster.stopKamailio();
        try {
            Gateway b = cluster.node("node-b");
            run(
                    "direct",
                    "examples/sipp/zcc-bot-hangup.xml",
                    "127.0.0.1",
                    cluster.address("node-b") + ":" + b.sip,
                    "-m",
                    "1");
        } finally {
            cluster.restartKamailio();
        }
        cluster.awaitFlags("A", "A");
    }

    @Test
    public void aNodeWithADuplicateIdOrAnotherDatabaseRefusesToStart() throws Exception {
        IllegalStateException dup = org.junit.Assert.assertThrows(
                IllegalStateException.class,
                () -> cluster.startNode("node-a", Map.of()).close());
        assertTrue(dup.getMessage(), dup.getMessage().contains("exited with status 78"));
        assertTrue(dup.getMessage(), dup.getMessage().contains("node id 'node-a' is in use by a running node"));

        String foreign = cluster.dbUrl.replaceFirst("/([^/?]+)(\\?|$)", "/$1_foreign$2");
        try (Connection c = DriverManager.getConnection(cluster.dbUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + foreign.replaceFirst(".*/([^/?]+)(\\?.*)?$", "$1"));
        }
        try (Connection c = DriverManager.getConnection(foreign);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
        }
        IllegalStateException other = org.junit.Assert.assertThrows(
                IllegalStateException.class,
                () -> cluster.startNode("node-c", Map.of("url", foreign)).close());
        assertTrue(other.getMessage(), other.getMessage().contains("exited with status 78"));
        assertTrue(other.getMessage(), other.getMessage().contains("is not a Switchboard database"));
    }
}

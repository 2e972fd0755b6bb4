package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;

/** The store's behaviour, run against each real database (embedded H2, PostgreSQL). */
/**
 * The store's part in a cluster, on each database: a node closing what it left open, node ids claimed and taken over,
 * lost nodes' sessions closed once, operators' actions reaching the node holding a call, migrations run once when
 * nodes start together, and a foreign database refused.
 */
public abstract class ClusterContract extends BatchContract {

    @Test
    public void aNodeStartingAgainClosesTheSessionsItLeftOpenAndNoOtherNodes() throws Exception {
        Instant t0 = Instant.now().minusSeconds(60);
        Sessions a = new Sessions(db, t0.minusSeconds(3600));
        a.start(new Conversation(
                S1, "left-open@zcc", null, "zcc-demo", "+15550102", "+1408", t0, t0, null, null, null, null, null));
        a.start(new Conversation(
                S2, "ended@zcc", null, "zcc-demo", "+15550102", "+1408", t0, t0, null, null, null, null, null));
        a.end(S2, t0.plusSeconds(5), EndedBy.CALLER, "BYE");
        String other = "aaaaaaaaaaaaaaaaaaaaaaaa";
        Database b = new Database(
                config(url(), keyFile.toString(), "node-b"), null, driver(), Map.of("driver.target", driverTarget()));
        try {
            new Sessions(b, t0.minusSeconds(3600))
                    .start(new Conversation(
                            other,
                            "held-by-b@zcc",
                            null,
                            "zcc-demo",
                            "+15550102",
                            "+1408",
                            t0,
                            t0,
                            null,
                            null,
                            null,
                            null,
                            null));
        } finally {
            b.close();
        }
        String late = "bbbbbbbbbbbbbbbbbbbbbbbb";
        a.start(new Conversation(
                late,
                "this-run@zcc",
                null,
                "zcc-demo",
                "+15550102",
                "+1408",
                t0.plusSeconds(30),
                null,
                null,
                null,
                null,
                null,
                null));

        Sessions restarted = new Sessions(db, t0.plusSeconds(10));

        Conversation closed = restarted.bySessionId(S1).orElseThrow();
        assertEquals(EndedBy.SYSTEM, closed.endedBy());
        assertEquals("node restarted", closed.endReason());
        assertFalse(closed.isActive());
        assertEquals(
                "an ended session keeps its end",
                EndedBy.CALLER,
                restarted.bySessionId(S2).orElseThrow().endedBy());
        assertTrue(
                "another node's call is its own",
                restarted.bySessionId(other).orElseThrow().isActive());
        assertTrue(
                "a call of this run stays open",
                restarted.bySessionId(late).orElseThrow().isActive());
        assertEquals(
                1,
                restarted
                        .find(new ConversationQuery(null, null, null, null, EndedBy.SYSTEM, null, 0, 10))
                        .size());
    }

    @Test
    public void aNodeIdHeldByARunningNodeElsewhereIsRefusedAndAStaleOneIsTakenOver() throws Exception {
        ClusterNodes a = new ClusterNodes(db);
        try {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> NodeClaim.claim(
                            db.jdbc(),
                            "node-a",
                            "another-process",
                            "elsewhere:/srv/data",
                            java.time.Duration.ofMillis(300),
                            null,
                            null));
            assertTrue(e.getMessage(), e.getMessage().contains("node id 'node-a' is in use by a running node"));
            assertTrue(e.getMessage(), e.getMessage().contains("property 'node.id'"));
            assertEquals(List.of("node-a"), a.nodes().stream().map(n -> n.id()).toList());
            assertEquals("active", a.nodes().get(0).state());
            assertTrue(a.nodes().get(0).local());
        } finally {
            a.deactivate();
        }
        assertEquals("stopped", new ClusterNodes(db).nodes().get(0).state());
        NodeClaim.claim(
                db.jdbc(),
                "node-a",
                "another-process",
                "elsewhere:/srv/data",
                java.time.Duration.ofMillis(100),
                null,
                null);
        Database dup = new Database(
                config(url(), keyFile.toString(), "node-c"), null, driver(), Map.of("driver.target", driverTarget()));
        dup.close();
    }

    @Test
    public void aSurvivorClosesTheSessionsOfANodeWhoseHeartbeatStoppedExactlyOnce() throws Exception {
        Database b = new Database(
                config(url(), keyFile.toString(), "node-b"), null, driver(), Map.of("driver.target", driverTarget()));
        Instant t0 = Instant.now().minusSeconds(30);
        try {
            Sessions sb = new Sessions(b);
            sb.start(new Conversation(
                    S1, "held-by-b@zcc", null, "zcc-demo", "+15550102", "+1408", t0, t0, null, null, null, null, null));
            sb.addTurn(new Turn(S1, Direction.INCOMING, t0.plusSeconds(1), "hello", null, 0.9, "Greeting", "en"));
        } finally {
            b.close(); // no ClusterNodes for b: it never heartbeats again, as if killed
        }
        Sessions sa = new Sessions(db);
        sa.start(new Conversation(
                S2, "held-by-a@zcc", null, "zcc-demo", "+15550102", "+1408", t0, t0, null, null, null, null, null));
        ClusterNodes a = new ClusterNodes(db);
        ClusterNodes also = new ClusterNodes(db);
        try {
            for (int i = 0; i < 100 && sa.bySessionId(S1).orElseThrow().isActive(); i++) {
                Thread.sleep(50);
            }
            Conversation lost = sa.bySessionId(S1).orElseThrow();
            assertEquals(EndedBy.SYSTEM, lost.endedBy());
            assertEquals("node lost", lost.endReason());
            assertEquals("what b recorded stays", 1, sa.turns(S1, 0, 10).size());
            assertTrue(
                    "a's own call is untouched",
                    sa.bySessionId(S2).orElseThrow().isActive());
            assertEquals("lost", a.node("node-b").orElseThrow().state());
            assertEquals("active", a.node("node-a").orElseThrow().state());
            sa.end(S1, t0.plusSeconds(40), EndedBy.CALLER, "BYE");
            assertEquals(
                    "a real end journalled by a node cut off, not dead, wins",
                    EndedBy.CALLER,
                    sa.bySessionId(S1).orElseThrow().endedBy());
        } finally {
            a.deactivate();
            also.deactivate();
        }
    }

    /** A node's calls in progress, for the unit test of the store's commands (the SIP bundle has the real ones). */
    static final class FakeLiveCalls implements org.switchboard.api.call.LiveCalls {
        final java.util.Set<String> up = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final List<String> hungUp = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public List<LiveCall> calls() {
            return List.of();
        }

        @Override
        public java.util.Optional<LiveCall> find(String id) {
            return java.util.Optional.empty();
        }

        @Override
        public boolean hangup(String id, String reason) {
            hungUp.add(id + " " + reason);
            return up.remove(id);
        }

        @Override
        public boolean transferToAgent(String id, String reason) {
            return up.remove(id);
        }

        @Override
        public boolean draining() {
            return false;
        }

        @Override
        public void drain() {}

        @Override
        public void undrain() {}
    }

    @Test
    public void anOperatorsActionReachesTheNodeHoldingTheCallAndADownNodeIsNamed() throws Exception {
        Database b = new Database(
                config(url(), keyFile.toString(), "node-b"), null, driver(), Map.of("driver.target", driverTarget()));
        ClusterNodes a = new ClusterNodes(db);
        ClusterNodes nb = new ClusterNodes(b);
        FakeLiveCalls calls = new FakeLiveCalls();
        a.bindLive(calls);
        try {
            Instant t0 = Instant.now();
            Sessions sa = new Sessions(db);
            sa.start(new Conversation(
                    S1, "c1@zcc", null, "zcc-demo", "+15550102", "+1408", t0, t0, null, null, null, null, null));
            sa.start(new Conversation(
                    S2, "c2@zcc", null, "zcc-demo", "+15550102", "+1408", t0, t0, null, null, null, null, null));
            calls.up.add(S1);
            org.switchboard.api.cluster.ActionResult r =
                    nb.act(S1, org.switchboard.api.cluster.CallAction.HANG_UP, "from node-b");
            assertEquals(r.message(), org.switchboard.api.cluster.ActionResult.Outcome.DONE, r.outcome());
            assertEquals("node-a", r.nodeId());
            assertEquals(List.of(S1 + " from node-b"), calls.hungUp);
            assertEquals(
                    org.switchboard.api.cluster.ActionResult.Outcome.NO_SUCH_CALL,
                    nb.act("c2@zcc", org.switchboard.api.cluster.CallAction.TRANSFER_TO_AGENT, "x")
                            .outcome());
            assertEquals(
                    org.switchboard.api.cluster.ActionResult.Outcome.NO_SUCH_CALL,
                    nb.act("nope", org.switchboard.api.cluster.CallAction.HANG_UP, "x")
                            .outcome());
            a.deactivate();
            r = nb.act(S2, org.switchboard.api.cluster.CallAction.HANG_UP, "x");
            assertEquals(org.switchboard.api.cluster.ActionResult.Outcome.NODE_DOWN, r.outcome());
            assertTrue(r.message(), r.message().contains("Node node-a holds call " + S2 + " but is down (stopped"));
        } finally {
            a.deactivate();
            nb.deactivate();
            b.close();
        }
    }

    @Test
    public void nodesStartingAtOnceOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        String url = url();
        db.jdbc().query("empty it", c -> {
            try (Statement s = c.createStatement()) {
                for (String t : List.of(
                        "schema_version",
                        "nodes",
                        "workspace_revision",
                        "used_token_ids",
                        "workspace_source",
                        "session_summaries",
                        "session_turns",
                        "session_tasks",
                        "session_sip_messages",
                        "session_batches",
                        "session_events",
                        "sessions",
                        "attachments",
                        "header_sets",
                        "bot_app_scopes",
                        "trunk_dids",
                        "flows",
                        "trunks",
                        "bot_apps",
                        "bots",
                        "call_commands")) {
                    s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
                }
            }
            return null;
        });
        db.close();
        db = null;
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Database>> opened = two.invokeAll(List.of(
                    () -> new Database(
                            config(url, keyFile.toString(), "node-x"),
                            null,
                            driver(),
                            Map.of("driver.target", driverTarget())),
                    () -> new Database(
                            config(url, keyFile.toString(), "node-y"),
                            null,
                            driver(),
                            Map.of("driver.target", driverTarget()))));
            for (java.util.concurrent.Future<Database> f : opened) {
                f.get().close();
            }
        } finally {
            two.shutdown();
        }
        db = open(url);
        assertEquals((Integer) Migrations.SCRIPTS.size(), db.jdbc().query("count", c -> {
            try (Statement s = c.createStatement();
                    var r = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                r.next();
                return r.getInt(1);
            }
        }));
    }

    @Test
    public void aDatabaseOfSomethingElseIsRefusedWithWhatToDo() throws Exception {
        String url = url();
        db.jdbc().query("forget the schema", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE schema_version");
            }
            return null;
        });
        db.close();
        db = null;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(url));
        assertTrue(e.getMessage(), e.getMessage().contains("is not a Switchboard database"));
        assertTrue(e.getMessage(), e.getMessage().contains("point the store's url at an empty database"));
    }
}

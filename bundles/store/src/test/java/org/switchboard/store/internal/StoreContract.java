package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.jdbc.DataSourceFactory;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.FlowRecord;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.api.store.WorkspaceRecord;

/** The store's behaviour, run against each real database (embedded H2, PostgreSQL). */
public abstract class StoreContract {

    static final String S1 = "64d0d2f2bfeaa2d58a566d08";
    static final String S2 = "0123456789abcdef01234567";
    static final String S3 = "64d0d2f2bfeaa2d58a566d09";

    protected Database db;

    /** The JDBC URL of an empty database for this test. */
    protected abstract String url() throws Exception;

    protected abstract DataSourceFactory driver();

    protected abstract String driverTarget();

    static StoreConfig config(String url) {
        return config(url, "");
    }

    static StoreConfig config(String url, String keyFile) {
        return config(url, keyFile, "node-a");
    }

    static StoreConfig config(String url, String keyFile, String nodeId) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "";
            }

            @Override
            public String _password() {
                return "";
            }

            @Override
            public String _secret_key() {
                return "";
            }

            @Override
            public String secret_key_file() {
                return keyFile;
            }

            @Override
            public int pool_size() {
                return 4;
            }

            @Override
            public String driver_target() {
                return "";
            }

            @Override
            public String journal_dir() {
                return keyFile.isEmpty()
                        ? ""
                        : java.nio.file.Paths.get(keyFile)
                                .resolveSibling("journal")
                                .toString();
            }

            @Override
            public int journal_max_mb() {
                return 16;
            }

            @Override
            public String node_id() {
                return nodeId;
            }

            @Override
            public int h2_write_delay_ms() {
                return 50;
            }

            @Override
            public int heartbeat_ms() {
                return 200;
            }

            @Override
            public int node_lost_after_s() {
                return 1;
            }
        };
    }

    /** One key file per test class, outside the source tree. */
    protected final java.nio.file.Path keyFile = tempKeyFile();

    private static java.nio.file.Path tempKeyFile() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("switchboard-store-test");
            dir.toFile().deleteOnExit();
            return dir.resolve("secrets.key");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Database open(String url) throws Exception {
        return new Database(config(url, keyFile.toString()), null, driver(), Map.of("driver.target", driverTarget()));
    }

    @Before
    public void openEmpty() throws Exception {
        db = open(url());
    }

    @After
    public void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    public void migrationsRunOnceAndANewerSchemaIsRefused() throws Exception {
        String url = url();
        db.close();
        db = open(url); // reopening applies nothing again
        int rows = db.jdbc().query("count", c -> {
            try (Statement s = c.createStatement();
                    var r = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertEquals(Migrations.SCRIPTS.size(), rows);
        db.jdbc().query("pretend a newer bundle ran", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (99, 'V99', 0)");
            }
        });
        db.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(url));
        assertTrue(e.getMessage(), e.getMessage().contains("schema version 99, newer than this store bundle knows"));
        db = null;
    }

    @Test
    public void theWorkspaceRoundTripsInDocumentOrder() {
        Workspaces w = new Workspaces(db);
        assertTrue(w.load().isEmpty());
        TrunkRecord b = new TrunkRecord(
                "b-trunk",
                "B",
                "zcc",
                List.of("10.0.0.0/8", "::1"),
                "zcc.example",
                "srv",
                List.of("+15550101", "+15550100"),
                true,
                false,
                "tcp",
                "sip:+15550100@gw.example",
                40,
                7,
                "required",
                new org.switchboard.api.store.TrunkAuth(
                        "zcc-peer", "gw.example", "/etc/switchboard/zcc.password", List.of("MD5")));
        TrunkRecord a = new TrunkRecord(
                "a-trunk", null, "zcc", List.of("127.0.0.1"), null, null, List.of(), false, true, "udp", null);
        FlowRecord f = new FlowRecord("f1", "Flow one", "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "{\"id\":\"f1\"}");
        FlowRecord g = new FlowRecord("g", "G", null, "{\"id\":\"g\"}");
        Map<String, Map<String, String>> sets = new java.util.LinkedHashMap<>();
        sets.put("zeta", new java.util.LinkedHashMap<>(Map.of("X-Queue", "billing")));
        sets.get("zeta").put("X-Intent", "{{context.intent}}");
        sets.put("alpha", Map.of("X-Priority", "high"));
        w.replace(new WorkspaceRecord(
                List.of(b, a), List.of(g, f), List.of(new FlowAttachment("b-trunk", "+15550100", "f1")), sets));
        WorkspaceRecord loaded = w.load().orElseThrow();
        assertEquals(sets, loaded.headerSets());
        assertEquals(
                "document order",
                List.of("zeta", "alpha"),
                List.copyOf(loaded.headerSets().keySet()));
        assertEquals(
                List.of("X-Queue", "X-Intent"),
                List.copyOf(loaded.headerSets().get("zeta").keySet()));
        assertEquals(List.of(b, a), loaded.trunks());
        assertEquals(List.of(g, f), loaded.flows());
        assertEquals(List.of(new FlowAttachment("b-trunk", "+15550100", "f1")), loaded.attachments());

        w.attach(new FlowAttachment("b-trunk", "+15550100", "g"));
        w.attach(new FlowAttachment("b-trunk", "+15550101", "f1"));
        assertEquals("g", w.load().orElseThrow().attachments().get(0).flowId());
        assertTrue(w.detach("b-trunk", "+15550101"));
        assertFalse(w.detach("b-trunk", "+15550101"));
        assertThrows(
                "an attachment to an unknown flow breaks a foreign key",
                IllegalStateException.class,
                () -> w.attach(new FlowAttachment("b-trunk", "+15550100", "nope")));
        assertEquals(
                "the failed attach left the previous one",
                "g",
                w.load().orElseThrow().attachments().get(0).flowId());

        long before = w.revision();
        w.replace(new WorkspaceRecord(List.of(a), List.of(), List.of()));
        assertEquals(List.of(a), w.load().orElseThrow().trunks());
        assertEquals(Map.of(), w.load().orElseThrow().headerSets());
        assertEquals("every change moves the revision by one", before + 1, w.revision());
        assertEquals("the one replace, two attaches, two detaches (the failed attach rolled back)", 5, before);
    }

    @Test
    public void theWorkspaceRemembersTheFileItCameFromAndWhetherItWasEditedSince() {
        Workspaces w = new Workspaces(db);
        assertTrue(w.source().isEmpty());
        TrunkRecord a = new TrunkRecord(
                "a", null, "zcc", List.of("127.0.0.1"), null, null, List.of("+15550100"), true, false, "udp", null);
        FlowRecord f = new FlowRecord("f", "F", null, "{\"id\":\"f\"}");
        w.replace(new WorkspaceRecord(List.of(a), List.of(f), List.of()), "aa11");
        assertEquals("aa11", w.source().orElseThrow().fileHash());
        assertFalse(w.source().orElseThrow().editedSince());
        w.attach(new FlowAttachment("a", "+15550100", "f"));
        assertTrue("an attach is an edit", w.source().orElseThrow().editedSince());
        w.replace(new WorkspaceRecord(List.of(a), List.of(f), List.of()), "bb22");
        assertFalse(w.source().orElseThrow().editedSince());
        w.detach("a", "+15550100");
        assertTrue(w.source().orElseThrow().editedSince());
        w.replace(new WorkspaceRecord(List.of(a), List.of(f), List.of()), "bb22");
        w.replace(new WorkspaceRecord(List.of(a), List.of(), List.of()));
        assertEquals(
                "an edit keeps the file it started from",
                "bb22",
                w.source().orElseThrow().fileHash());
        assertTrue(w.source().orElseThrow().editedSince());
    }

    @Test
    public void aSessionRecordsItsLifeAndIsFoundAgain() {
        Sessions s = new Sessions(db);
        Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Trace-ID", "t-1");
        headers.put("User-to-User", "00ff;encoding=hex");
        s.start(new Conversation(
                S1,
                "call-1@zcc",
                "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0",
                "zcc-demo",
                "+15550100",
                "+14085551212",
                t0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                headers));
        s.start(new Conversation(S1, "ignored", null, null, null, null, t0, null, null, null, null, null, null));
        s.answered(S1, t0.plusMillis(5));
        s.addTask(S1, "intent");
        s.addTask(S1, "agent");
        s.addEvent(new ConversationEvent(S1, t0.plusMillis(6), "flow.node", Map.of("node", "intent", "flow", "demo")));
        s.addSipMessage(
                new SipMessageRecord(S1, t0, Direction.INCOMING, "INVITE sip:+15550100@gw SIP/2.0", inviteHeaders()));
        s.addSipMessage(new SipMessageRecord(
                S1, t0.plusMillis(1), Direction.OUTGOING, "SIP/2.0 200 OK", Map.of("kore-session_id", List.of(S1))));
        s.addTurn(new Turn(S1, Direction.OUTGOING, t0.plusMillis(7), "How can I help?", null, 1, "intent", "en"));
        s.addTurn(new Turn(S1, Direction.INCOMING, t0.plusMillis(8), "My BILL is wrong", null, 0.8, "intent", "en"));
        s.addTurn(new Turn(S1, Direction.INCOMING, t0.plusMillis(9), null, "1234", 1, "intent", "en"));
        s.handedOff(S1, t0.plusMillis(10));
        s.end(S1, t0.plusMillis(11), EndedBy.TRANSFER, "TransferToAgent");
        s.end(S1, t0.plusMillis(99), EndedBy.CALLER, "too late");

        Conversation c = s.bySessionId(S1).orElseThrow();
        assertEquals("call-1@zcc", c.callId());
        assertEquals(
                "the passed INVITE headers, in order",
                List.copyOf(headers.entrySet()),
                List.copyOf(c.sipHeaders().entrySet()));
        assertEquals(t0.plusMillis(5), c.answeredAt());
        assertEquals(t0.plusMillis(10), c.handoffAt());
        assertEquals(EndedBy.TRANSFER, c.endedBy());
        assertEquals("TransferToAgent", c.endReason());
        assertEquals(List.of("intent", "agent"), c.taskPath());
        assertFalse(c.isActive());

        List<SipMessageRecord> sip = s.sipMessages(S1);
        assertEquals(2, sip.size());
        assertEquals(
                "the headers in the order they came",
                List.copyOf(inviteHeaders().keySet()),
                List.copyOf(sip.get(0).headers().keySet()));
        assertEquals(
                List.of("SIP/2.0/UDP a;branch=1", "SIP/2.0/UDP b;branch=2"),
                sip.get(0).headers().get("Via"));
        assertEquals("SIP/2.0 200 OK", sip.get(1).firstLine());
        assertEquals(
                Map.of("node", "intent", "flow", "demo"), s.events(S1).get(0).attributes());
        assertEquals(3, s.turns(S1, 0, 10).size());
        assertEquals("1234", s.turns(S1, 2, 10).get(0).digits());
        assertEquals(1, s.turns(S1, 1, 1).size());

        s.start(new Conversation(
                S2,
                "call-1@zcc",
                null,
                "zcc-demo",
                "+15550101",
                "+1",
                t0.plusSeconds(60),
                null,
                null,
                null,
                null,
                null,
                null));
        assertEquals(
                "the newest session of a Call-ID",
                S2,
                s.byCallId("call-1@zcc").orElseThrow().sessionId());
        assertTrue(s.byCallId("nope").isEmpty());
        assertTrue(s.bySessionId("ffffffffffffffffffffffff").isEmpty());
        assertNull(s.bySessionId(S2).orElseThrow().endedBy());

        assertEquals(List.of(S2, S1), ids(s.find(new ConversationQuery(null, null, null, null, null, null, 0, 10))));
        assertEquals(List.of(S1), ids(s.find(new ConversationQuery(null, null, null, null, null, "bill", 0, 10))));
        assertEquals(List.of(), ids(s.find(new ConversationQuery(null, null, null, null, null, "b_ll", 0, 10))));
        assertEquals(
                List.of(S1), ids(s.find(new ConversationQuery(null, null, null, null, EndedBy.TRANSFER, null, 0, 10))));
        assertEquals(List.of(S2), ids(s.find(new ConversationQuery(null, null, null, "+15550101", null, null, 0, 10))));
        assertEquals(
                List.of(S1), ids(s.find(new ConversationQuery(t0, t0.plusSeconds(1), null, null, null, null, 0, 10))));
        assertEquals(List.of(S1), ids(s.find(new ConversationQuery(null, null, null, null, null, null, 1, 10))));

        assertTrue(s.summary(S1).isEmpty());
        s.saveSummary(new Summary(S1, "Caller disputes a bill.", "en", "builtin", t0, null));
        s.saveSummary(
                new Summary(S1, "Caller disputes a bill; wants an agent.", "en", "llm", t0.plusSeconds(1), "turns=3"));
        Summary stored = s.summary(S1).orElseThrow();
        assertEquals("Caller disputes a bill; wants an agent.", stored.text());
        assertEquals("llm", stored.summarizer());
        assertEquals("turns=3", stored.basis());
        assertEquals(t0.plusSeconds(1), stored.createdAt());
    }

    /** An INVITE's headers in wire order: more than a hash map keeps in order by chance. */
    private static Map<String, List<String>> inviteHeaders() {
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        h.put("Via", List.of("SIP/2.0/UDP a;branch=1", "SIP/2.0/UDP b;branch=2"));
        for (String name : List.of(
                "Max-Forwards",
                "From",
                "To",
                "Call-ID",
                "CSeq",
                "Contact",
                "Allow",
                "Supported",
                "Session-Expires",
                "Content-Type",
                "X-Zcc-Call",
                "Content-Length")) {
            h.put(name, List.of(name.equals("Call-ID") ? "call-1@zcc" : name.toLowerCase(java.util.Locale.ROOT)));
        }
        return h;
    }

    private static List<String> ids(List<Conversation> cs) {
        return cs.stream().map(Conversation::sessionId).toList();
    }

    @Test
    public void aJournalEntryTheDatabaseRefusesIsSkippedAndTheRestIsWritten() throws Exception {
        java.nio.file.Path dir = keyFile.resolveSibling("journal");
        java.nio.file.Files.createDirectories(dir);
        Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
        String good = Recorded.start(new Conversation(
                        S2,
                        "call-j@zcc",
                        null,
                        "zcc-demo",
                        "+15550100",
                        "+1408",
                        t0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .toLine();
        String refused = Recorded.turn(
                        new Turn("s".repeat(30), Direction.INCOMING, t0, "too long an id", null, 1, null, "en"))
                .toLine();
        String turn = Recorded.turn(new Turn(S2, Direction.INCOMING, t0, "still here", null, 1, null, "en"))
                .toLine();
        java.nio.file.Files.writeString(
                dir.resolve("conversations.journal"), good + "\n" + "garbage\n" + refused + "\n" + turn + "\n");
        Sessions s = new Sessions(db);
        try {
            long until = System.nanoTime() + 10_000_000_000L;
            while (java.nio.file.Files.size(dir.resolve("conversations.journal")) > 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(0, java.nio.file.Files.size(dir.resolve("conversations.journal")));
            assertEquals("call-j@zcc", s.bySessionId(S2).orElseThrow().callId());
            assertEquals(
                    List.of("still here"),
                    s.turns(S2, 0, 10).stream().map(Turn::text).collect(java.util.stream.Collectors.toList()));
        } finally {
            s.close();
        }
    }
}

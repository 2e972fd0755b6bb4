package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.jdbc.DataSourceFactory;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;
import org.switchboard.testing.FaultProxy;

/**
 * The database goes away in the middle of a conversation (a relay between the store and a real database server
 * cuts every connection): nothing the conversation records in the meantime is lost, and the order is kept, whether
 * the database comes back while the store runs or the process dies first and the store starts again.
 */
public abstract class OutageContract {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    protected FaultProxy proxy;
    private Database db;
    private Sessions sessions;
    private Path dir;

    /** Starts (or empties) the real database server. */
    protected abstract void startDatabase() throws Exception;

    protected void stopDatabase() throws Exception {}

    /** Host and port of the real database server. */
    protected abstract String host() throws Exception;

    protected abstract int port() throws Exception;

    /** The JDBC URL of an empty database reached through {@code proxyPort}. */
    protected abstract String urlVia(int proxyPort) throws Exception;

    protected abstract DataSourceFactory driver();

    protected abstract String driverTarget();

    @Before
    public void connect() throws Exception {
        startDatabase();
        dir = Files.createTempDirectory("switchboard-outage");
        proxy = new FaultProxy(host(), port());
        open();
    }

    private void open() throws Exception {
        db = new Database(
                StoreContract.config(
                        urlVia(proxy.port()), dir.resolve("secrets.key").toString()),
                null,
                driver(),
                Map.of("driver.target", driverTarget()));
        sessions = new Sessions(db);
    }

    @After
    public void disconnect() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
        if (db != null) {
            db.close();
        }
        proxy.close();
        stopDatabase();
    }

    @Test
    public void recordsMadeWhileTheDatabaseIsAwayAreWrittenInOrderWhenItReturns() throws Exception {
        String id = "aaaaaaaaaaaaaaaaaaaaaa01";
        sessions.start(conversation(id));
        sessions.answered(id, T0.plusMillis(10));
        sessions.addTurn(turn(id, Direction.OUTGOING, "How can I help?", 20));

        proxy.cut();
        sessions.addTurn(turn(id, Direction.INCOMING, "my bill is wrong", 30));
        sessions.addEvent(
                new ConversationEvent(id, T0.plusMillis(31), "assistant.intent", Map.of("intent", "billing")));
        sessions.addTask(id, "billing");
        sessions.addTurn(turn(id, Direction.OUTGOING, "Connecting you to an agent", 40));
        assertTrue("the records wait on disk", Files.size(journal()) > 0);
        assertEquals(1, sessions.degraded().size());
        assertTrue(sessions.degraded().get(0), sessions.degraded().get(0).contains("the database was unreachable"));

        proxy.heal();
        sessions.handedOff(id, T0.plusMillis(50));
        sessions.end(id, T0.plusMillis(60), EndedBy.TRANSFER, "TransferToAgent");
        Conversation c = awaitEnded(id);

        assertEquals(T0.plusMillis(50), c.handoffAt());
        assertEquals("TransferToAgent", c.endReason());
        assertEquals(List.of("billing"), c.taskPath());
        assertEquals(List.of("How can I help?", "my bill is wrong", "Connecting you to an agent"), texts(id));
        assertEquals("assistant.intent", sessions.events(id).get(0).type());
        awaitDrained();
        for (int i = 0; i < 100 && !sessions.degraded().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals("nothing degraded once the journal is replayed", List.of(), sessions.degraded());
    }

    @Test
    public void aJournalLeftByAProcessThatDiedDuringTheOutageIsReplayedAtTheNextStart() throws Exception {
        String id = "aaaaaaaaaaaaaaaaaaaaaa02";
        sessions.start(conversation(id));
        proxy.cut();
        sessions.addTurn(turn(id, Direction.INCOMING, "order status please", 30));
        sessions.addTurn(turn(id, Direction.OUTGOING, "Your order ships today", 40));
        sessions.end(id, T0.plusMillis(60), EndedBy.CALLER, "BYE");

        // the process dies: nothing but what is on disk survives
        sessions.close();
        db.close();
        sessions = null;
        db = null;
        assertTrue(Files.size(journal()) > 0);

        proxy.heal();
        open();
        Conversation c = awaitEnded(id);
        assertEquals(EndedBy.CALLER, c.endedBy());
        assertEquals(List.of("order status please", "Your order ships today"), texts(id));
        awaitDrained();
    }

    private List<String> texts(String id) {
        return sessions.turns(id, 0, 100).stream().map(Turn::text).collect(Collectors.toList());
    }

    private Conversation awaitEnded(String id) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                Conversation c = sessions.bySessionId(id).orElse(null);
                if (c != null && c.endedAt() != null) {
                    return c;
                }
            } catch (IllegalStateException e) {
                // reads fail while the relay re-establishes
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the conversation never reached the database; journal: " + Files.exists(journal()));
    }

    private void awaitDrained() throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (Files.size(journal()) > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertEquals("the journal is emptied once written", 0, Files.size(journal()));
    }

    private Path journal() {
        return dir.resolve("journal").resolve("conversations.journal");
    }

    private static Conversation conversation(String id) {
        return new Conversation(
                id,
                "call-" + id + "@zcc",
                "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0",
                "zcc-demo",
                "+15550100",
                "+14085551212",
                T0,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Turn turn(String id, Direction d, String text, long ms) {
        return new Turn(id, d, T0.plusMillis(ms), text, null, 0.9, "main", "en");
    }
}

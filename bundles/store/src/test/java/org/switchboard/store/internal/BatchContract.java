package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;

/**
 * The store's batches, run against each real database: a batch is written in order, a refused record loses no other,
 * and a session's answer, hand-off and end folded into its start in the same batch record exactly what the records
 * one by one would.
 */
public abstract class BatchContract extends BotsContract {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    public void aBatchIsWrittenInOrderAndOneRecordTheDatabaseRefusesLosesNoOther() {
        Sessions s = new Sessions(db);
        try {
            Instant t0 = T0;
            s.batch(b -> {
                b.start(new Conversation(
                        S2,
                        "call-b@zcc",
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
                        null));
                b.answered(S2, t0.plusMillis(3));
                for (int i = 0; i < 200; i++) {
                    b.addSipMessage(
                            new SipMessageRecord(S2, t0.plusMillis(i), Direction.INCOMING, "INFO " + i, Map.of()));
                }
                b.addTurn(new Turn("s".repeat(30), Direction.INCOMING, t0, "an id too long", null, 1, null, "en"));
                b.addTurn(new Turn(S2, Direction.INCOMING, t0, "kept", null, 1, null, "en"));
                b.end(S2, t0.plusMillis(9), EndedBy.CALLER, "BYE");
            });
            Conversation c = s.bySessionId(S2).orElseThrow();
            assertEquals(t0.plusMillis(3), c.answeredAt());
            assertEquals(EndedBy.CALLER, c.endedBy());
            assertEquals(200, s.sipMessages(S2).size());
            assertEquals("INFO 199", s.sipMessages(S2).get(199).firstLine());
            assertEquals(
                    List.of("kept"),
                    s.turns(S2, 0, 10).stream().map(Turn::text).collect(java.util.stream.Collectors.toList()));
        } finally {
            s.close();
        }
    }

    @Test
    public void aSessionStartedAndEndedInOneBatchRecordsWhatTheRecordsOneByOneWould() {
        Sessions s = new Sessions(db);
        try {
            String longReason = "r".repeat(1500);
            s.batch(b -> {
                b.start(conversation(S1, null));
                b.addSipMessage(new SipMessageRecord(S1, T0, Direction.INCOMING, "INVITE sip:x SIP/2.0", Map.of()));
                b.answered(S1, T0.plusMillis(3));
                b.answered(S1, T0.plusMillis(4));
                b.handedOff(S1, T0.plusMillis(5));
                b.handedOff(S1, T0.plusMillis(6));
                b.end(S1, T0.plusMillis(7), EndedBy.SYSTEM, ClusterNodes.NODE_LOST);
                b.end(S1, T0.plusMillis(8), EndedBy.CALLER, longReason);
                b.end(S1, T0.plusMillis(9), EndedBy.BOT, "too late");
                b.start(conversation(S2, null));
                b.addTask(S2, "greeting");
            });
            Conversation c = s.bySessionId(S1).orElseThrow();
            assertEquals("the first answer", T0.plusMillis(3), c.answeredAt());
            assertEquals("the first hand-off", T0.plusMillis(5), c.handoffAt());
            assertEquals("a real end replaces a node declared lost", T0.plusMillis(8), c.endedAt());
            assertEquals(EndedBy.CALLER, c.endedBy());
            assertEquals("the reason cut to the column", "r".repeat(1000), c.endReason());
            assertEquals(List.of("intent"), c.taskPath());
            assertEquals(1, s.sipMessages(S1).size());
            Conversation other = s.bySessionId(S2).orElseThrow();
            assertNull("another session started in the batch takes none of them", other.answeredAt());
            assertNull(other.endedAt());
            assertEquals(List.of("intent", "greeting"), other.taskPath());
            assertEquals("one row each", 2, count("SELECT COUNT(*) FROM sessions"));
        } finally {
            s.close();
        }
    }

    @Test
    public void aStartAlreadyRecordedStillTakesTheAnswerAndEndOfItsBatch() {
        Sessions s = new Sessions(db);
        try {
            s.start(conversation(S1, null));
            s.batch(b -> {
                b.start(conversation(S1, "a replayed start"));
                b.answered(S1, T0.plusMillis(3));
                b.end(S1, T0.plusMillis(9), EndedBy.CALLER, "BYE");
            });
            Conversation c = s.bySessionId(S1).orElseThrow();
            assertEquals("the row first recorded stays", "+1408", c.caller());
            assertEquals(T0.plusMillis(3), c.answeredAt());
            assertEquals(T0.plusMillis(9), c.endedAt());
            assertEquals("BYE", c.endReason());
            assertEquals(List.of("intent"), c.taskPath());
        } finally {
            s.close();
        }
    }

    @Test
    public void anEndBeforeItsStartInABatchIsNotFoldedIntoIt() {
        Sessions s = new Sessions(db);
        try {
            s.batch(b -> {
                b.end(S1, T0.plusMillis(9), EndedBy.CALLER, "BYE");
                b.start(conversation(S1, null));
            });
            Conversation c = s.bySessionId(S1).orElseThrow();
            assertNull("an end that came first found no row, as one by one", c.endedAt());
        } finally {
            s.close();
        }
    }

    private static Conversation conversation(String id, String caller) {
        return new Conversation(
                id,
                "call-" + id,
                null,
                "zcc-demo",
                "+15550100",
                caller == null ? "+1408" : caller,
                T0,
                null,
                null,
                null,
                null,
                null,
                List.of("intent"));
    }

    @Test
    public void aSessionsSipMessagesOfABatchAreOneRowReadInOrderAfterThoseWrittenARowEach() {
        db.jdbc()
                .update(
                        "a message written a row each, before batches",
                        "INSERT INTO session_sip_messages (session_id, at, direction, first_line, headers) VALUES (?, ?, ?, ?, ?)",
                        S1,
                        T0.toEpochMilli(),
                        "INCOMING",
                        "INVITE sip:x SIP/2.0",
                        "{\"Via\":[\"SIP/2.0/UDP a;branch=z9hG4bK-1\"],\"CSeq\":[\"1 INVITE\"]}");
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Via", List.of("SIP/2.0/UDP b;branch=z9hG4bK-2"));
        headers.put("Allow", List.of("INVITE", "ACK", "BYE"));
        headers.put("X-Quote", List.of("say \"hi\"\\ \u00e9\u2028"));
        headers.put("Content-Length", List.of("0"));
        String big = "v".repeat(200_000);
        Sessions s = new Sessions(db);
        try {
            s.batch(b -> {
                b.addSipMessage(
                        new SipMessageRecord(S1, T0.plusMillis(2), Direction.OUTGOING, "SIP/2.0 200 OK", headers));
                b.addSipMessage(new SipMessageRecord(
                        S2, T0.plusMillis(2), Direction.INCOMING, "INVITE sip:y SIP/2.0", Map.of()));
                b.addTask(S2, "greeting");
                b.addSipMessage(
                        new SipMessageRecord(S1, T0.plusMillis(3), Direction.INCOMING, "ACK sip:x SIP/2.0", Map.of()));
                b.addSipMessage(
                        new SipMessageRecord(S2, T0.plusMillis(4), Direction.INCOMING, "ACK sip:y SIP/2.0", Map.of()));
                for (int i = 0; i < 3; i++) {
                    b.addSipMessage(new SipMessageRecord(
                            S3, T0.plusMillis(i), Direction.INCOMING, "INFO " + i, Map.of("X-Big", List.of(big + i))));
                }
            });
            List<SipMessageRecord> one = s.sipMessages(S1);
            assertEquals(
                    List.of("INVITE sip:x SIP/2.0", "SIP/2.0 200 OK", "ACK sip:x SIP/2.0"),
                    one.stream().map(SipMessageRecord::firstLine).toList());
            assertEquals(List.of("1 INVITE"), one.get(0).headers().get("CSeq"));
            assertEquals(
                    "the headers and their order as recorded",
                    headers,
                    one.get(1).headers());
            assertEquals(
                    List.copyOf(headers.keySet()),
                    List.copyOf(one.get(1).headers().keySet()));
            assertEquals(Direction.OUTGOING, one.get(1).direction());
            assertEquals(T0.plusMillis(2), one.get(1).at());
            assertEquals(
                    List.of("INVITE sip:y SIP/2.0", "ACK sip:y SIP/2.0"),
                    s.sipMessages(S2).stream().map(SipMessageRecord::firstLine).toList());
            List<SipMessageRecord> large = s.sipMessages(S3);
            assertEquals(
                    List.of("INFO 0", "INFO 1", "INFO 2"),
                    large.stream().map(SipMessageRecord::firstLine).toList());
            assertEquals(List.of(big + 2), large.get(2).headers().get("X-Big"));
            assertEquals(
                    "one row for each session's messages of the batch",
                    1,
                    count("SELECT COUNT(*) FROM session_batches WHERE session_id = '" + S1 + "'"));
            assertEquals(1, count("SELECT COUNT(*) FROM session_batches WHERE session_id = '" + S2 + "'"));
            assertEquals(
                    "more than a row holds goes on to the next",
                    2,
                    count("SELECT COUNT(*) FROM session_batches WHERE session_id = '" + S3 + "'"));
        } finally {
            s.close();
        }
    }

    @Test
    public void aSessionsEventsAndTasksOfABatchShareItsSipRowAndAreReadAfterThoseWrittenARowEach() {
        db.jdbc()
                .update(
                        "an event written a row each, before batches",
                        "INSERT INTO session_events (session_id, at, type, attributes) VALUES (?, ?, ?, ?)",
                        S1,
                        T0.toEpochMilli(),
                        "flow.started",
                        "{\"flow\":\"old\"}");
        db.jdbc()
                .update(
                        "a task written a row each, before batches",
                        "INSERT INTO session_tasks (session_id, name) VALUES (?, ?)",
                        S1,
                        "welcome");
        String big = "w".repeat(300_000);
        Map<String, String> odd = new java.util.LinkedHashMap<>();
        odd.put("quote", "say \"hi\"\\ \u00e9\u2028\n");
        odd.put("empty", "");
        Sessions s = new Sessions(db);
        try {
            s.batch(b -> {
                b.start(started(S1, List.of()));
                b.start(started(S2, List.of("entry")));
                b.addEvent(new ConversationEvent(S1, T0.plusMillis(1), "call.answered", odd));
                b.addSipMessage(
                        new SipMessageRecord(S1, T0.plusMillis(1), Direction.OUTGOING, "SIP/2.0 200 OK", Map.of()));
                b.addTask(S2, "greeting");
                b.addTask(S1, "menu");
                b.addEvent(new ConversationEvent(S2, T0.plusMillis(2), "flow.started", Map.of()));
                b.addEvent(new ConversationEvent(S1, T0.plusMillis(3), "call.ended", Map.of("by", "caller")));
                b.addTask(S1, "t".repeat(500));
                for (int i = 0; i < 2; i++) {
                    b.addEvent(new ConversationEvent(S3, T0.plusMillis(i), "big", Map.of("n", big + i)));
                }
            });
            s.batch(b -> b.addTask(S1, "goodbye"));
            List<ConversationEvent> one = s.events(S1);
            assertEquals(
                    List.of("flow.started", "call.answered", "call.ended"),
                    one.stream().map(ConversationEvent::type).toList());
            assertEquals(Map.of("flow", "old"), one.get(0).attributes());
            assertEquals("attributes as recorded", odd, one.get(1).attributes());
            assertEquals(T0.plusMillis(3), one.get(2).at());
            assertEquals(
                    "tasks in order, a name cut to 400 characters as its column did",
                    List.of("welcome", "menu", "t".repeat(400), "goodbye"),
                    s.bySessionId(S1).orElseThrow().taskPath());
            assertEquals(
                    List.of("entry", "greeting"),
                    s.bySessionId(S2).orElseThrow().taskPath());
            assertEquals(
                    List.of("flow.started"),
                    s.events(S2).stream().map(ConversationEvent::type).toList());
            assertEquals(
                    List.of("SIP/2.0 200 OK"),
                    s.sipMessages(S1).stream().map(SipMessageRecord::firstLine).toList());
            assertEquals(List.of(), s.sipMessages(S2));
            assertEquals(
                    List.of(big + 0, big + 1),
                    s.events(S3).stream().map(e -> e.attributes().get("n")).toList());
            assertEquals(
                    "a row for the session's first batch (messages, events and tasks), one for its second",
                    2,
                    count("SELECT COUNT(*) FROM session_batches WHERE session_id = '" + S1 + "'"));
            assertEquals(
                    "the start's task path, then the batch's",
                    2,
                    count("SELECT COUNT(*) FROM session_batches WHERE session_id = '" + S2 + "'"));
            assertEquals(
                    "more than a row holds goes on to the next",
                    2,
                    count("SELECT COUNT(*) FROM session_batches WHERE session_id = '" + S3 + "'"));
            assertEquals(
                    "nothing more in the tables of a row each",
                    2,
                    count("SELECT (SELECT COUNT(*) FROM session_events) + (SELECT COUNT(*) FROM session_tasks)"));
        } finally {
            s.close();
        }
    }

    private static Conversation started(String id, List<String> taskPath) {
        return new Conversation(
                id, "call-" + id, null, "zcc-demo", "+15550100", "+1408", T0, null, null, null, null, null, taskPath);
    }

    private long count(String sql) {
        return db.jdbc().query("count", c -> {
            try (Statement st = c.createStatement();
                    ResultSet r = st.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}

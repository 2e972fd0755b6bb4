package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;

public class JournalTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void linesComeBackInOrderAndTheFileEmptiesWhenAllAreConsumed() throws IOException {
        Path dir = tmp.getRoot().toPath();
        try (Journal j = new Journal(dir, 1 << 20)) {
            assertFalse(j.pending());
            j.append("one");
            j.append("two ünïcödé");
            assertEquals("one", j.peek());
            assertEquals("peek does not consume", "one", j.peek());
            j.consume("one");
            assertEquals("two ünïcödé", j.peek());
            j.consume("two ünïcödé");
            assertNull(j.peek());
            assertFalse(j.pending());
            assertEquals(0, Files.size(j.file()));
        }
    }

    @Test
    public void theReadPositionSurvivesAReopenAndATornLastLineIsCut() throws IOException {
        Path dir = tmp.getRoot().toPath();
        try (Journal j = new Journal(dir, 1 << 20)) {
            j.append("first");
            j.append("second");
            j.consume(j.peek());
        }
        Files.write(
                dir.resolve("conversations.journal"),
                "{\"op\":\"tu".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (Journal j = new Journal(dir, 1 << 20)) {
            assertEquals("second", j.peek());
            j.consume("second");
            assertNull("the torn line is gone", j.peek());
        }
    }

    @Test
    public void aFullJournalRefusesWithItsName() throws IOException {
        try (Journal j = new Journal(tmp.getRoot().toPath(), 10)) {
            j.append("12345");
            IOException e = assertThrows(IOException.class, () -> j.append("67890"));
            assertTrue(e.getMessage(), e.getMessage().contains("conversations.journal is full"));
        }
    }

    @Test
    public void everyKindOfRecordSurvivesTheJournal() {
        Instant t = Instant.ofEpochMilli(1_700_000_000_123L);
        String id = "0123456789abcdef01234567";
        List<Recorded> all = List.of(
                Recorded.start(new Conversation(
                        id,
                        "c@x",
                        "st-1",
                        "trunk",
                        "+1555",
                        "+1408",
                        t,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("a", "b"))),
                Recorded.start(new Conversation(
                        id,
                        "c@x",
                        "st-1",
                        "trunk",
                        "+1555",
                        "+1408",
                        t,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        Map.of("X-Trace-ID", "t\"1"))),
                Recorded.answered(id, t),
                Recorded.handedOff(id, t),
                Recorded.end(id, t, EndedBy.BOT, "done\nnow"),
                Recorded.turn(new Turn(id, Direction.INCOMING, t, "hi \"there\"", "12#", 0.75, "task", "en")),
                Recorded.event(new ConversationEvent(id, t, "transfer.bye", Map.of("header.X-Intent", "billing"))),
                Recorded.sipMessage(new SipMessageRecord(
                        id, t, Direction.OUTGOING, "BYE sip:a@b SIP/2.0", Map.of("Via", List.of("v1", "v2")))),
                Recorded.task(id, "agent"));
        for (Recorded r : all) {
            String line = r.toLine();
            assertFalse("one line", line.contains("\n"));
            assertEquals(line, Recorded.parse(line).toLine());
            assertEquals(r.op(), Recorded.parse(line).op());
        }
    }

    @Test
    public void anUnreadableEntrySaysWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Recorded.parse("nope{"))
                .getMessage()
                .contains("not a JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Recorded.parse("{\"op\":\"frobnicate\"}"))
                .getMessage()
                .contains("unknown op 'frobnicate'"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Recorded.parse(
                                "{\"op\":\"turn\",\"sessionId\":\"x\",\"at\":1,\"direction\":\"SIDEWAYS\",\"confidence\":1}"))
                .getMessage()
                .contains("SIDEWAYS"));
    }
}

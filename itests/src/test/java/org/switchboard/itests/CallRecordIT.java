package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.store.WorkspaceRepository;

/**
 * A call handed to an agent leaves a complete record in the default store (embedded H2 under the data directory):
 * the session, its flow steps, and every SIP message of its dialog with headers; the demo workspace imported at
 * start is in the store too.
 */
public class CallRecordIT extends SwitchboardTestSupport {

    @Test
    public void aTransferredCallIsRecordedWithItsSipLadder() throws Exception {
        awaitHealthy();
        // UDP: this test is about the record; over TCP the RI sometimes reports a delivered BYE as unsent right after
        // start (see the issue notes), and ZccCallIT covers TCP calls
        sipp("zcc-transfer-bye.xml", "udp");
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        Conversation c = awaitEnded(store);
        assertEquals(EndedBy.TRANSFER, c.endedBy());
        assertEquals("+15550100", c.did());
        assertEquals("+14085551212", c.caller());
        assertEquals("st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", c.botId());
        assertTrue(c.answeredAt() != null && c.handoffAt() != null);
        assertEquals(List.of("intent", "agent"), c.taskPath());

        List<SipMessageRecord> ladder = awaitLadder(store, c.sessionId(), 6);
        List<String> lines = ladder.stream()
                .map(m -> m.direction() + " " + m.firstLine().split(" ")[0]
                        + (m.firstLine().startsWith("SIP/2.0")
                                ? " " + m.firstLine().split(" ")[1]
                                : ""))
                .toList();
        assertEquals(
                List.of(
                        "INCOMING INVITE",
                        "OUTGOING SIP/2.0 100",
                        "OUTGOING SIP/2.0 200",
                        "INCOMING ACK",
                        "OUTGOING BYE",
                        "INCOMING SIP/2.0 200"),
                lines);
        Map<String, List<String>> ok = ladder.get(2).headers();
        assertEquals(List.of(c.sessionId()), ok.get("kore-session_id"));
        Map<String, List<String>> bye = ladder.get(4).headers();
        assertEquals(List.of("TransferToAgent"), bye.get("kore-reason"));
        assertEquals(List.of("Billing"), bye.get("X-Intent"));
        assertTrue(store.events(c.sessionId()).stream()
                .anyMatch(e -> e.type().equals("flow.script.print")
                        && "caller routed to Billing".equals(e.attributes().get("text"))));

        assertTrue(Files.isRegularFile(dataDir().resolve("db/switchboard.mv.db")));
        WorkspaceRepository workspace = context.getService(context.getServiceReference(WorkspaceRepository.class));
        assertEquals(6, workspace.load().orElseThrow().flows().size());
    }

    private static Conversation awaitEnded(ConversationStore store) throws InterruptedException {
        Optional<Conversation> last = Optional.empty();
        for (int i = 0; i < 100; i++) {
            last = store.find(new ConversationQuery(null, null, null, null, null, null, 0, 1)).stream()
                    .findFirst();
            if (last.isPresent() && !last.get().isActive()) {
                return last.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no ended conversation recorded: " + last);
    }

    private static List<SipMessageRecord> awaitLadder(ConversationStore store, String sessionId, int size)
            throws InterruptedException {
        List<SipMessageRecord> l = List.of();
        for (int i = 0; i < 100 && l.size() < size; i++) {
            l = store.sipMessages(sessionId);
            Thread.sleep(50);
        }
        return l;
    }
}

package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;

/**
 * Real DTMF over real RTP: sipp answers the demo menu (+15550104) by playing the RFC 4733 pcap of digit 1 that
 * ships with sipp into the port of Switchboard's SDP answer; the gather takes the digit, the flow routes to
 * billing and the BYE handoff carries X-Intent: Billing (checked by the scenario). The turns are recorded.
 */
public class MediaDtmfIT extends SwitchboardTestSupport {

    @Test
    public void aKeypadChoiceSentAsTelephoneEventsRoutesTheCall() throws Exception {
        awaitHealthy();
        sipp("zcc-dtmf-menu.xml", "udp", "-mp", Integer.toString(FreePorts.tcpAndUdp()));
        Conversation c = awaitEndedConversation("+15550104");
        assertEquals(EndedBy.TRANSFER, c.endedBy());
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        List<Turn> turns = store.turns(c.sessionId(), 0, 10);
        assertTrue(turns.toString(), turns.stream().anyMatch(t -> t.direction() == Direction.OUTGOING
                && t.text() != null && t.text().contains("press 1")));
        Turn pressed = turns.stream().filter(t -> t.direction() == Direction.INCOMING).findFirst().orElseThrow(
                () -> new AssertionError("no caller turn: " + turns));
        assertEquals("1", pressed.digits());
        assertEquals("menu", pressed.taskName());
        assertTrue(store.events(c.sessionId()).stream().anyMatch(e -> e.type().equals("media.dtmf")
                && "1".equals(e.attributes().get("digit"))));
    }
}

package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Turn;
import org.switchboard.testing.FreePorts;

/**
 * Real DTMF over real RTP: sipp answers the demo menu (+15550104) by playing the RFC 4733 pcap of digit 1 that
 * ships with sipp into the port of Switchboard's SDP answer; the gather takes the digit, the flow routes to
 * billing and the BYE handoff carries X-Intent: Billing (checked by the scenario). The turns are recorded, and
 * with call recording switched on the audio is in a stereo WAV file in the data directory.
 */
public class MediaDtmfIT extends SwitchboardTestSupport {

    @Test
    public void aKeypadChoiceSentAsTelephoneEventsRoutesTheCall() throws Exception {
        awaitHealthy();
        ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration media = ca.getConfiguration("org.switchboard.media", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("recording.enabled", "true");
        media.update(props);
        Thread.sleep(500);
        awaitHealthy();
        sipp("zcc-dtmf-menu.xml", "udp", "-mp", Integer.toString(FreePorts.tcpAndUdp()));
        Conversation c = awaitEndedConversation("+15550104");
        assertEquals(EndedBy.TRANSFER, c.endedBy());
        ConversationStore store = context.getService(context.getServiceReference(ConversationStore.class));
        List<Turn> turns = store.turns(c.sessionId(), 0, 10);
        assertTrue(
                turns.toString(),
                turns.stream()
                        .anyMatch(t -> t.direction() == Direction.OUTGOING
                                && t.text() != null
                                && t.text().contains("press 1")));
        Turn pressed = turns.stream()
                .filter(t -> t.direction() == Direction.INCOMING)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no caller turn: " + turns));
        assertEquals("1", pressed.digits());
        assertEquals("menu", pressed.taskName());
        assertTrue(store.events(c.sessionId()).stream()
                .anyMatch(e -> e.type().equals("media.dtmf")
                        && "1".equals(e.attributes().get("digit"))));
        String summary = summary(c.sessionId());
        assertTrue(
                summary,
                summary.matches("The caller \\([^)]+\\) called \\+15550104 about billing\\. They entered 1 on "
                        + "the keypad\\. The bot handed the call to an agent for billing after \\d+ seconds?\\."));

        ConversationEvent rec = store.events(c.sessionId()).stream()
                .filter(e -> e.type().equals("media.recording"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no recording event"));
        Path file = Paths.get(rec.attributes().get("file"));
        assertTrue(
                file + " in the data directory",
                file.startsWith(dataDir().toAbsolutePath().resolve("recordings")));
        assertTrue(file.getFileName().toString().startsWith(c.sessionId()));
        ByteBuffer wav = null;
        for (int i = 0; i < 50; i++) { // the recorder's thread finishes the file just after the call
            wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            if (wav.getInt(40) == wav.capacity() - 44 && wav.capacity() > 44) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(2, wav.getShort(22));
        assertEquals(wav.capacity() - 44, wav.getInt(40));
        int frames = (wav.capacity() - 44) / 640;
        int loudOut = 0;
        for (int f = 0; f < frames; f++) {
            long energy = 0;
            for (int k = 0; k < 160; k++) {
                int v = wav.getShort(44 + (f * 160 + k) * 4 + 2);
                energy += (long) v * v;
            }
            if (energy / 160 > 100_000) {
                loudOut++;
            }
        }
        assertTrue("frames of the menu prompt in the recording: " + loudOut + " of " + frames, loudOut > 25);
    }
}

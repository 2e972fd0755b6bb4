package org.switchboard.webconsole.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.SipMessageRecord;

public class LadderTest {

    private static SipMessageRecord message(long ms, Direction d, String first, String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return new SipMessageRecord("s", Instant.ofEpochMilli(1_700_000_000_000L + ms), d, first, h);
    }

    @Test
    public void labelsNameTheMethodOrTheStatusAndItsRequest() {
        assertEquals("INVITE", Ladder.label(message(0, Direction.INCOMING, "INVITE sip:+1@h SIP/2.0")));
        assertEquals(
                "200 OK (INVITE)", Ladder.label(message(0, Direction.OUTGOING, "SIP/2.0 200 OK", "CSeq", "1 INVITE")));
        assertEquals("486 Busy Here", Ladder.label(message(0, Direction.OUTGOING, "SIP/2.0 486 Busy Here")));
        assertEquals("200 OK (BYE)", Ladder.label(message(0, Direction.OUTGOING, "SIP/2.0 200 OK", "cseq", "2 BYE")));
    }

    @Test
    public void arrowsPointTheWayEachMessageWentWithItsTime() {
        String html = Ladder.draw(
                List.of(
                        message(0, Direction.INCOMING, "INVITE sip:+1@h SIP/2.0"),
                        message(1500, Direction.OUTGOING, "BYE sip:+2@h SIP/2.0", "kore-reason", "TransferToAgent")),
                "ZCC (t)");
        assertTrue(html.contains("class=\"sb-msg-in\""));
        assertTrue(html.contains("<line x1=\"190\" y1=\"76\" x2=\"610\""));
        assertTrue(html.contains("<line x1=\"610\" y1=\"112\" x2=\"190\""));
        assertTrue(html.contains("+1.500s"));
        assertTrue(html.contains("<details id=\"sip-1\">"));
        assertTrue(html.contains("kore-reason: TransferToAgent"));
    }

    @Test
    public void headersAreShownAsText() {
        String html = Ladder.draw(
                List.of(message(
                        0, Direction.INCOMING, "INVITE sip:<x>@h SIP/2.0", "X-Note", "<script>alert(1)</script>")),
                "<i>peer</i>");
        assertFalse(html, html.contains("<script>"));
        assertFalse(html, html.contains("<i>"));
        assertTrue(html.contains("X-Note: &lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    public void noMessagesSaySo() {
        assertTrue(Ladder.draw(List.of(), "ZCC").contains("No SIP messages"));
    }
}

package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import javax.sip.header.Header;

import org.junit.Test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;

public class SipMessagesTest {

    private static final String INVITE = "INVITE sip:+15550100@10.0.0.5:5060;transport=udp SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-1;rport, SIP/2.0/TCP 10.0.0.8;branch=z9hG4bK-0\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.7:5070;received=10.0.0.70;branch=z9hG4bK-00\r\n"
            + "Max-Forwards: 69\r\n"
            + "From: \"ZCC Caller\" <sip:+14085551212@zoom.example>;tag=abc\r\n"
            + "To: <sip:+15550100@10.0.0.5>\r\n"
            + "Call-ID: 1234-5678@10.0.0.9\r\n"
            + "CSeq: 101 INVITE\r\n"
            + "Contact: <sip:zcc@10.0.0.9:5060;transport=udp>;expires=60, <sip:alt@10.0.0.9>;q=0.5\r\n"
            + "Record-Route: <sip:10.0.0.8;lr>\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY\r\n"
            + "Supported: timer, replaces\r\n"
            + "Session-Expires: 1800;refresher=uac\r\n"
            + "P-Asserted-Identity: \"Caller\" <sip:+14085551212@zoom.example>\r\n"
            + "User-Agent: Zoom Contact Center  1.0 (edge)\r\n"
            + "X-Zoom-Engagement-Id:   e-42  \r\n"
            + "X-Empty:\r\n"
            + "Proxy-Authorization: Digest username=\"zcc\", realm=\"sb\", nonce=\"n\", uri=\"sip:x\", response=\"0123\"\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    public void aHeaderValueIsWhatFollowsItsNameAsSent() throws Exception {
        SIPMessage m =
                new StringMsgParser().parseSIPMessage(INVITE.getBytes(StandardCharsets.ISO_8859_1), true, false, null);
        ListIterator<?> names = m.getHeaderNames();
        int checked = 0;
        while (names.hasNext()) {
            ListIterator<?> hs = m.getHeaders((String) names.next());
            while (hs.hasNext()) {
                Header h = (Header) hs.next();
                String text = h.toString();
                assertEquals(h.getName(), text.substring(text.indexOf(':') + 1).trim(), SipMessages.value(h));
                checked++;
            }
        }
        assertEquals("every header instance of the INVITE (Allow, Supported and Via one by one)", 28, checked);
        assertEquals("z9hG4bK-1", SipMessages.value(m, "Via").replaceAll(".*branch=([^;]+).*", "$1"));
        assertEquals("e-42", SipMessages.value(m, "X-Zoom-Engagement-Id"));
        assertEquals("the first of a list", "timer", SipMessages.value(m, "Supported"));
    }

    @Test
    public void aRecordsHeadersAreEachHeadersValueInOrderWithCredentialsRedacted() throws Exception {
        SIPMessage m =
                new StringMsgParser().parseSIPMessage(INVITE.getBytes(StandardCharsets.ISO_8859_1), true, false, null);
        Map<String, List<String>> headers = SipMessages.headers(m);
        ListIterator<?> names = m.getHeaderNames();
        List<String> order = new ArrayList<>();
        while (names.hasNext()) {
            String name = (String) names.next();
            order.add(name);
            List<String> expected = new ArrayList<>();
            ListIterator<?> hs = m.getHeaders(name);
            while (hs.hasNext()) {
                expected.add(SipMessages.value((Header) hs.next()));
            }
            if (name.equals("Proxy-Authorization")) {
                assertEquals(1, expected.size());
                assertTrue(expected.get(0), expected.get(0).contains("response=\"0123\""));
                expected.set(0, expected.get(0).replace("response=\"0123\"", "response=\"(redacted)\""));
            }
            assertEquals(name, expected, headers.get(name));
        }
        assertEquals("the names in the order they came", order, new ArrayList<>(headers.keySet()));
        assertEquals(
                List.of(
                        "SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-1;rport",
                        "SIP/2.0/TCP 10.0.0.8;branch=z9hG4bK-0",
                        "SIP/2.0/UDP 10.0.0.7:5070;received=10.0.0.70;branch=z9hG4bK-00"),
                headers.get("Via"));
        assertEquals(List.of(""), headers.get("X-Empty"));
        assertEquals(List.of("e-42"), headers.get("X-Zoom-Engagement-Id"));
        assertFalse(headers.toString(), headers.toString().contains("0123"));
    }
}

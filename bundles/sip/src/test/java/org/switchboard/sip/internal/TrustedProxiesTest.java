package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;

public class TrustedProxiesTest {

    private static SIPMessage invite(String from, String header) throws Exception {
        String text = "INVITE sip:+15550100@127.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:caller@zcc.example>;tag=1\r\nTo: <sip:+15550100@127.0.0.2>\r\n"
                + "Call-ID: c1\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1>\r\nMax-Forwards: 70\r\n"
                + (header == null ? "" : TrustedProxies.HEADER + ": " + header + "\r\n")
                + "Content-Length: 0\r\n\r\n";
        SIPMessage m =
                new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.ISO_8859_1), true, false, null);
        m.setRemoteAddress(InetAddress.getByName(from));
        return m;
    }

    @Test
    public void theProxysWordIsTakenAndNobodyElses() throws Exception {
        List<String> errors = new ArrayList<>();
        TrustedProxies p = TrustedProxies.parse(new String[] {"127.0.0.1", "10.1.0.0/16, ::1"}, errors, "pid");
        assertEquals(List.of(), errors);
        assertEquals("203.0.113.7", p.source(invite("127.0.0.1", "203.0.113.7:5060")));
        assertEquals("203.0.113.7", p.source(invite("10.1.200.3", "203.0.113.7")));
        assertEquals("2001:db8:0:0:0:0:0:1", p.source(invite("127.0.0.1", "[2001:db8::1]:5070")));
        assertEquals(
                "a forged header from a non-proxy is ignored",
                "192.0.2.9",
                p.source(invite("192.0.2.9", "203.0.113.7")));
        assertEquals("10.2.0.1", p.source(invite("10.2.0.1", "203.0.113.7")));
        assertEquals(
                "a name is not an address: the proxy's own",
                "127.0.0.1",
                p.source(invite("127.0.0.1", "zcc.example.com")));
        assertEquals("127.0.0.1", p.source(invite("127.0.0.1", null)));
        assertTrue(p.contains(InetAddress.getByName("::1")));
        assertFalse(p.contains(InetAddress.getByName("10.0.255.255")));
        assertEquals(
                "nobody is trusted by default",
                "127.0.0.1",
                TrustedProxies.NONE.source(invite("127.0.0.1", "203.0.113.7")));
    }

    @Test
    public void badEntriesAreReportedByProperty() {
        List<String> errors = new ArrayList<>();
        TrustedProxies.parse(
                new String[] {"kamailio.example", "10.0.0.0/33", "10.0.0.1"}, errors, "org.switchboard.sip");
        assertEquals(2, errors.size());
        assertTrue(errors.get(0), errors.get(0).contains("'trusted.proxies' entry 'kamailio.example': must be an IP"));
        assertTrue(errors.get(1), errors.get(1).contains("'10.0.0.0/33'"));
    }
}

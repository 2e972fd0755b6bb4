package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import javax.sip.message.Request;

import org.junit.Test;

import gov.nist.javax.sip.message.MessageFactoryImpl;

public class SessionTimerTest {

    private static Request invite(String extra) throws Exception {
        String text = "INVITE sip:+15550100@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                + "From: <sip:+14085551212@127.0.0.1>;tag=a\r\nTo: <sip:+15550100@127.0.0.1>\r\n"
                + "Call-ID: c1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n" + extra + "Content-Length: 0\r\n\r\n";
        return new MessageFactoryImpl().createRequest(text);
    }

    @Test
    public void noSessionExpiresMeansNoTimer() throws Exception {
        assertNull(SessionTimer.from(invite("Supported: timer\r\n"), 90));
    }

    @Test
    public void aUacThatSupportsTimerRefreshesByDefault() throws Exception {
        SessionTimer t = SessionTimer.from(invite("Supported: 100rel, timer\r\nSession-Expires: 1800\r\n"), 90);
        assertEquals(1800, t.seconds());
        assertEquals("uac", t.refresher());
        assertTrue(t.peerSupportsTimer());
        assertEquals("1800;refresher=uac", t.headerValue());
        assertEquals((1800 - 32) * 1000L, t.delayMs()); // BYE shortly before expiry
    }

    @Test
    public void withoutTimerSupportSwitchboardRefreshesAtHalfTheInterval() throws Exception {
        SessionTimer t = SessionTimer.from(invite("Session-Expires: 600;refresher=uac\r\n"), 90);
        assertEquals("uas", t.refresher());
        assertEquals(300_000L, t.delayMs());
    }

    @Test
    public void theRequestedRefresherIsKeptAndShortIntervalsEndEarlier() throws Exception {
        SessionTimer t = SessionTimer.from(invite("Supported: timer\r\nSession-Expires: 90;refresher=uas\r\n"), 90);
        assertEquals("uas", t.refresher());
        SessionTimer s = SessionTimer.from(invite("Supported: timer\r\nSession-Expires: 3;refresher=uac\r\n"), 2);
        assertEquals(2000L, s.delayMs());
    }

    @Test
    public void belowMinSeIsTooSmallAndGarbageIsIgnored() throws Exception {
        assertThrows(SessionTimer.TooSmall.class, () -> SessionTimer.from(invite("Session-Expires: 60\r\n"), 90));
        // the stack's parser drops a Session-Expires it cannot read: the call goes on without a session timer
        assertNull(SessionTimer.from(invite("Session-Expires: soon\r\n"), 90));
    }
}

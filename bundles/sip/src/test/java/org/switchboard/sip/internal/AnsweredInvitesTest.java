package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;

public class AnsweredInvitesTest {

    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 10_000_000_000L); // the clock wraps mid-test

    @Test
    public void anAnsweredInviteIsKnownFor32SecondsThenForgotten() {
        AnsweredInvites answered = new AnsweredInvites(10, now::get);
        answered.answered("z9hg4bk-a");
        assertTrue(answered.contains("z9hg4bk-a"));
        assertFalse(answered.contains("z9hg4bk-b"));
        now.addAndGet(AnsweredInvites.KEEP_NANOS - 1);
        assertTrue(answered.contains("z9hg4bk-a"));
        assertEquals(1, answered.sweep());
        now.addAndGet(1);
        assertFalse(answered.contains("z9hg4bk-a"));
        assertEquals(0, answered.sweep());
    }

    @Test
    public void pastItsBoundNothingMoreIsRemembered() {
        AnsweredInvites answered = new AnsweredInvites(2, now::get);
        answered.answered("a");
        answered.answered("b");
        answered.answered("c");
        assertTrue(answered.contains("a") && answered.contains("b"));
        assertFalse(answered.contains("c"));
        now.addAndGet(AnsweredInvites.KEEP_NANOS);
        answered.sweep();
        answered.answered("c");
        assertTrue(answered.contains("c"));
    }

    @Test
    public void onlyAnInitialInviteOfAnAnsweredBranchIsACopy() throws Exception {
        AnsweredInvites answered = new AnsweredInvites(10, now::get);
        SIPRequest invite = request("INVITE", "z9hG4bK-1", "");
        answered.answered(invite.getTransactionId());
        assertTrue(answered.isCopy(request("INVITE", "z9hG4bK-1", "")));
        assertFalse("another branch", answered.isCopy(request("INVITE", "z9hG4bK-2", "")));
        assertFalse("a re-INVITE in a dialog", answered.isCopy(request("INVITE", "z9hG4bK-1", ";tag=gw")));
        assertFalse("not an INVITE", answered.isCopy(request("OPTIONS", "z9hG4bK-1", "")));
    }

    private static SIPRequest request(String method, String branch, String toTag) throws Exception {
        String text = method + " sip:+15550100@127.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + branch + "\r\n"
                + "From: <sip:caller@zcc.example>;tag=1\r\nTo: <sip:+15550100@127.0.0.2>" + toTag + "\r\n"
                + "Call-ID: c1\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        return (SIPRequest)
                new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.ISO_8859_1), true, false, null);
    }
}

package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

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
}

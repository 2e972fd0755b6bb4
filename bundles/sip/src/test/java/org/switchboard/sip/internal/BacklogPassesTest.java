package org.switchboard.sip.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class BacklogPassesTest {

    @Test
    public void oneAckAndOneByePerCall() {
        BacklogPasses passes = new BacklogPasses();
        assertFalse(passes.take("INVITE"));
        assertFalse(passes.take("INFO"));
        assertTrue(passes.take("ACK"));
        assertFalse("a copy of the ACK waits its turn", passes.take("ACK"));
        assertTrue(passes.take("BYE"));
        assertFalse(passes.take("BYE"));
        assertFalse(passes.take("ACK"));
    }
}

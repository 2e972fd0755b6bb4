package org.switchboard.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Test;

/**
 * {@code ./switchboard} stopped and killed with a call up: a stop ends the call with the adapter's hang-up BYE and
 * records it before the store closes; after a crash, the next start closes the session the crash left open.
 */
public class RestartIT {

    private static final String HELD = "+15550102";

    private Gateway gateway;

    @After
    public void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aStopEndsCallsWithTheHangUpByeAndRecordsThemBeforeTheStoreCloses() throws Exception {
        gateway = Gateway.start("RestartIT-stop");
        Process sipp = gateway.call("examples/sipp/zcc-operator-hangup.xml");
        awaitHeld();

        gateway.terminate();
        assertEquals("the held call got a BYE with kore-reason: HangUp and answered it", 0, Gateway.await(sipp));
        String console = java.nio.file.Files.readString(gateway.work.resolve("console.txt"));
        assertTrue(console, console.contains("Stopping: ending 1 call(s) with the adapter's hang-up BYE"));

        gateway = gateway.restart();
        String c = gateway.awaitConversation(HELD, d -> Gateway.has(d, "endedAt"), 10);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"system\".*"));
        assertTrue(c, c.matches("(?s).*\"endReason\":\\s*\"Switchboard stopping\".*"));
        assertTrue("the BYE and its answer are in the ladder: " + c, c.contains("kore-reason") && c.contains("200 OK"));
        assertFalse(c, c.contains("node restarted"));
    }

    @Test
    public void aCrashLeavesNoSessionOpenOnceTheNodeIsBack() throws Exception {
        gateway = Gateway.start("RestartIT-crash");
        Process sipp = gateway.call("examples/sipp/zcc-operator-hangup.xml");
        awaitHeld();

        gateway.kill();
        sipp.destroyForcibly();
        gateway = gateway.restart();

        String c = gateway.awaitConversation(HELD, d -> Gateway.has(d, "endedAt"), 10);
        assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"system\".*"));
        assertTrue(c, c.matches("(?s).*\"endReason\":\\s*\"node restarted\".*"));
        assertTrue(gateway.log().contains("left open when it stopped without ending them"));
    }

    private void awaitHeld() throws Exception {
        gateway.awaitConversation(HELD, d -> Gateway.has(d, "answeredAt") && d.contains("ACK sip:"), 20);
    }
}

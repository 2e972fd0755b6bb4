package org.switchboard.itests;

import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** A real peer (sipp) probes the container's SIP listening points: OPTIONS 200 with Allow, unknown method 501. */
public class SipOptionsIT extends SwitchboardTestSupport {

    @Test
    public void optionsOverUdp() throws Exception {
        awaitHealthy();
        String out = sipp("options.xml", "udp");
        assertTrue(out, out.contains("Successful call") || out.isEmpty() || !out.contains("Failed call"));
    }

    @Test
    public void optionsOverTcp() throws Exception {
        awaitHealthy();
        sipp("options.xml", "tcp");
    }
}

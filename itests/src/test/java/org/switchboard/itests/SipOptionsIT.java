package org.switchboard.itests;

import org.junit.Test;

/**
 * A real peer (sipp, {@code examples/sipp/options.xml}) probes the container's SIP listening points: OPTIONS gets
 * 200 with Allow and Server headers, an unknown method gets 501 with Allow. sipp fails the call otherwise.
 */
public class SipOptionsIT extends SwitchboardTestSupport {

    @Test
    public void optionsOverUdp() throws Exception {
        awaitHealthy();
        sipp("options.xml", "udp");
    }

    @Test
    public void optionsOverTcp() throws Exception {
        awaitHealthy();
        sipp("options.xml", "tcp");
    }
}

package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.sip.conformance.Corpus;
import org.switchboard.sip.conformance.Wire;
import org.switchboard.testing.FreePorts;

/**
 * Every message of the RFC 4475 and RFC 5118 torture corpora, sent over real UDP and TCP sockets to the SIP stack as
 * Switchboard runs it, with the outcome {@code conformance/outcomes.tsv} gives for each; afterwards the stack still
 * answers OPTIONS, holds no call, and every server transaction the corpus made ends (none leaks). Each transport
 * gets a stack of its own: some files have no RFC 3261 branch and would be taken for retransmissions of the other.
 */
public class ConformanceWireTest {

    private int port;
    private SipStackOwner owner;

    @Before
    public void start() throws Exception {
        port = FreePorts.tcpAndUdp();
        owner = new SipStackOwner(
                SipSettingsTest.config(Map.of("udp.port", port, "tcp.port", port, "service.wait.ms", 0)));
    }

    @After
    public void stop() {
        owner.deactivate();
    }

    @Test
    public void everyMessageOverUdp() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Corpus.Case c : Corpus.cases()) {
            Wire.Exchange x =
                    Wire.udp(port, c.unique("u" + Integer.toHexString(c.file().hashCode())), 1000);
            check(c, c.udp(), x, wrong);
        }
        assertTrue(
                "outcomes over UDP that differ from conformance/outcomes.tsv:\n" + String.join("\n", wrong),
                wrong.isEmpty());
        String ok = RawSip.udp(port, "OPTIONS", "", 5000);
        assertTrue("OPTIONS after the corpus: " + ok, ok != null && ok.startsWith("SIP/2.0 200"));
        assertSettled();
    }

    @Test
    public void everyMessageOverTcp() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Corpus.Case c : Corpus.cases()) {
            boolean all = c.tcp().contains(",");
            Wire.Exchange x = Wire.tcp(
                    port,
                    c.unique("t" + Integer.toHexString(c.file().hashCode())),
                    all ? 3000 : 1000,
                    all,
                    c.tcp().endsWith("+close") ? 5000 : 300);
            check(c, c.tcp(), x, wrong);
        }
        assertTrue(
                "outcomes over TCP that differ from conformance/outcomes.tsv:\n" + String.join("\n", wrong),
                wrong.isEmpty());
        String ok = RawSip.tcp(port, "OPTIONS", "", 5000);
        assertTrue("OPTIONS after the corpus: " + ok, ok.startsWith("SIP/2.0 200"));
        assertSettled();
    }

    /** No call left, and the transactions drain (RFC 3261 timers J and H: 32 s for unreliable transports). */
    private void assertSettled() throws InterruptedException {
        assertEquals("calls left in progress", 0, owner.calls().size());
        long deadline = System.currentTimeMillis() + 45_000;
        while (owner.serverTransactions() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertEquals("server transactions left after their timers", 0, owner.serverTransactions());
    }

    static void check(Corpus.Case c, String expected, Wire.Exchange x, List<String> wrong) {
        if (!Wire.matches(expected, x)) {
            wrong.add(c.file() + ": expected " + expected + ", got " + x.codes() + (x.closed() ? "+close" : "") + " ("
                    + c.why() + ")" + warning(x));
        }
    }

    private static String warning(Wire.Exchange x) {
        String last = x.last();
        int w = last.indexOf("\r\nWarning: ");
        return w < 0 ? "" : " " + last.substring(w + 2, last.indexOf('\r', w + 2));
    }
}

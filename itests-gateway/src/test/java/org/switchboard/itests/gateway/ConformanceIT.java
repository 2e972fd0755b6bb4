package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.sip.conformance.Corpus;
import org.switchboard.sip.conformance.Wire;
import org.switchboard.testing.Gateway;

/**
 * The RFC 4475 and RFC 5118 torture corpora against the gateway as {@code ./switchboard} runs it (the whole assembly:
 * trunks, flows, adapters, store), over UDP and then TCP, each message with the outcome of
 * {@code conformance/outcomes.tsv}. Afterwards the gateway still answers OPTIONS on both transports, holds no call,
 * and its log has no failure in Switchboard's code and no NullPointerException.
 */
public class ConformanceIT {

    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("ConformanceIT");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void theCorpusOverUdpThenTcp() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Corpus.Case c : Corpus.cases()) {
            String suffix = Integer.toHexString(c.file().hashCode());
            check(c, "udp", c.udp(), Wire.udp(gateway.sip, c.unique("u" + suffix), 1000), wrong);
            boolean all = c.tcp().contains(",");
            check(
                    c,
                    "tcp",
                    c.tcp(),
                    Wire.tcp(
                            gateway.sip,
                            c.unique("t" + suffix),
                            all ? 3000 : 1000,
                            all,
                            c.tcp().endsWith("+close") ? 5000 : 300),
                    wrong);
        }
        assertTrue("outcomes that differ from conformance/outcomes.tsv:\n" + String.join("\n", wrong), wrong.isEmpty());

        for (String transport : List.of("UDP", "TCP")) {
            byte[] options = options(transport).getBytes(StandardCharsets.UTF_8);
            Wire.Exchange x = transport.equals("UDP")
                    ? Wire.udp(gateway.sip, options, 5000)
                    : Wire.tcp(gateway.sip, options, 5000, false, 300);
            assertEquals("OPTIONS over " + transport + " after the corpus", "200", x.codes());
        }
        String metrics = gateway.get("/metrics");
        assertFalse(
                "no call left in progress:\n" + metrics,
                metrics.lines().anyMatch(l -> l.startsWith("switchboard_calls_active") && !l.endsWith(" 0")));
        String log = gateway.log();
        // The RI may still log its own failed reconnect when it answers a keep-alive on a connection the test has
        // closed (its stream parser can read the close as an empty line); nothing of Switchboard's may fail.
        assertFalse("no failure in Switchboard's code", log.contains("\tat org.switchboard."));
        assertFalse("no NullPointerException anywhere", log.contains("NullPointerException"));
        assertTrue("rejections are logged with their reason", log.contains("Rejected INVITE from 127.0.0.1"));
    }

    private static void check(Corpus.Case c, String transport, String expected, Wire.Exchange x, List<String> wrong) {
        if (!Wire.matches(expected, x)) {
            wrong.add(c.file() + " over " + transport + ": expected " + expected + ", got " + x.codes()
                    + (x.closed() ? "+close" : "") + " (" + c.why() + ")");
        }
    }

    private static String options(String transport) {
        return "OPTIONS sip:probe@127.0.0.1:" + gateway.sip + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:9;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:probe@127.0.0.1>\r\n"
                + "Call-ID: after-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
}

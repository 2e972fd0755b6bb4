package org.switchboard.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Faults a gateway meets on the wire, against {@code ./switchboard}: each ends cleanly and is recorded. */
public class FaultsIT {

    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("FaultsIT");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void aByeThePeerNeverAnswersClosesTheSessionWithTheReasonRecorded() throws Exception {
        Process sipp = gateway.call("bye-unanswered.xml");
        String session = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String list = gateway.admin("GET", "/api/admin/conversations?did=%2B15550101&limit=1", null).body();
            Matcher m = Pattern.compile("\"sessionId\":\\s*\"([0-9a-f]+)\"").matcher(list);
            if (m.find()) {
                session = m.group(1);
                String c = gateway.admin("GET", "/api/admin/conversations/" + session, null).body();
                if (c.contains("BYE not answered")) {
                    assertTrue(c, c.matches("(?s).*\"endedBy\":\\s*\"bot\".*"));
                    assertTrue(c, c.contains("no response within the transaction timeout"));
                    assertEquals("the caller's side ended as its scenario says", 0, Gateway.await(sipp));
                    assertTrue(gateway.get("/metrics").contains("switchboard_calls_active 0"));
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("session " + session + " was not closed with the BYE's timeout recorded");
    }
}

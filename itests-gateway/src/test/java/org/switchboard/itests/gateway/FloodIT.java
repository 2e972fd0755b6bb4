package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Sipp;

/**
 * A flood well past what two cores take, with no limit on the trunk and a small worker backlog: sipp offers 3,000
 * calls a second for four seconds, each hung up by the bot at once. Many fail (refused with 503, or given up by
 * sipp), and that is expected; what must hold is that every call the gateway took ends and is recorded as ended,
 * even those whose BYE was answered while the SIP workers' backlog was full. Such a response used to be dropped,
 * and its call stayed up for good, its record open.
 */
public class FloodIT {

    private static final String DID = "+15550810";
    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        // a backlog of 200 waiting requests instead of 10,000: the flood fills it within its first second
        gateway = Gateway.start("FloodIT", Map.of("worker.backlog", "200"));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    public void everyCallTakenDuringAFloodEnds() throws Exception {
        String doc = """
                {"trunks": [{"id": "flood", "adapter": "zcc", "peers": ["127.0.0.1"], "dids": ["%s"]}],
                 "flows": [{"id": "hangup-now", "botId": "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "start": "bye",
                            "nodes": [{"id": "bye", "type": "hangup"}]}],
                 "attachments": [{"trunk": "flood", "did": "%s", "flow": "hangup-now"}]}
                """.formatted(DID, DID);
        var r = gateway.admin("PUT", "/api/admin/workspace", doc);
        assertEquals("workspace import: " + r.body(), 200, r.statusCode());

        Sipp.Run flood = gateway.sipp(
                "bench/sipp/uac-bot-hangup.xml",
                List.of("-s", DID, "-r", "3000", "-m", "12000", "-l", "12000", "-recv_timeout", "10000"));
        flood.await(); // failed calls are expected: the gateway refuses or cannot keep up with part of them

        // a call whose ACK never came ends 32 s after its 200 OK, one whose BYE is never answered 32 s after it
        long deadline = System.currentTimeMillis() + 150_000;
        long active;
        do {
            Thread.sleep(1000);
            active = sum("switchboard_calls_active");
        } while (active > 0 && System.currentTimeMillis() < deadline);
        long started = sum("switchboard_calls_started_total");
        long ended = sum("switchboard_calls_total");
        assertEquals("calls still up long after the flood (started " + started + ", ended " + ended + ")", 0, active);
        assertTrue("the flood reached the gateway: " + started + " calls taken", started > 100);
        assertEquals("every call taken ended", started, ended);
        assertEquals(0, sum("switchboard_recorder_dropped_total"));

        gateway.callAndWait("bench/sipp/uac-bot-hangup.xml", "-s", DID);
        assertFalse("no failure in Switchboard's code", gateway.log().contains("\tat org.switchboard."));
    }

    private static long sum(String name) throws Exception {
        return gateway.metrics().count(name);
    }
}

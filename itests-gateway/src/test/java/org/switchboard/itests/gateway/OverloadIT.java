package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Sipp;

/**
 * Overload protection of the gateway as {@code ./switchboard} runs it: sipp offers twice a trunk's limit (calls in
 * progress, then new calls per second) and every call ends cleanly, either refused at once with 503 and
 * Retry-After or taken, held and handed to an agent with its conversation recorded. Afterwards a call is taken
 * again without any intervention.
 */
public class OverloadIT {

    private static final String DID = "+15550800";
    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("OverloadIT");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void workspace(String limits) throws Exception {
        String doc = """
                {"trunks": [{"id": "limited", "adapter": "zcc", "peers": ["127.0.0.1"], "dids": ["%s"], %s}],
                 "flows": [{"id": "hold-then-agent", "botId": "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0",
                            "start": "hold",
                            "nodes": [{"id": "hold", "type": "wait", "settings": {"ms": 3000}, "next": {"done": "agent"}},
                                      {"id": "agent", "type": "agentTransfer"}]}],
                 "attachments": [{"trunk": "limited", "did": "%s", "flow": "hold-then-agent"}]}
                """.formatted(DID, limits, DID);
        var r = gateway.admin("PUT", "/api/admin/workspace", doc);
        assertEquals("workspace import: " + r.body(), 200, r.statusCode());
    }

    /** Runs sipp to its end (every call must pass) and returns [accepted, busy]. */
    private static int[] offer(String name, int rate, int calls) throws Exception {
        Path dir = gateway.work.resolve(name);
        Files.createDirectories(dir);
        Sipp.Run p = gateway.sipp(
                "overload-call.xml",
                List.of(
                        "-s",
                        DID,
                        "-r",
                        Integer.toString(rate),
                        "-m",
                        Integer.toString(calls),
                        "-l",
                        Integer.toString(calls),
                        "-trace_logs",
                        "-log_file",
                        dir.resolve("calls.log").toString()));
        p.awaitSuccess();
        String log = Files.readString(dir.resolve("calls.log"));
        return new int[] {count(log, "ACCEPTED "), count(log, "BUSY ")};
    }

    private static int count(String text, String what) {
        return (int) text.lines().filter(l -> l.contains(what)).count();
    }

    private static long metric(String series) throws Exception {
        return (long) gateway.metrics().value(series);
    }

    /** Conversations of the DID ended by a transfer, once there are {@code expected} (the store may lag a little). */
    private static int transferredConversations(int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        int n;
        do {
            var r = gateway.admin("GET", "/api/admin/conversations?did=%2B15550800&endedBy=transfer&limit=500", null);
            assertEquals(r.body(), 200, r.statusCode());
            Matcher m = Pattern.compile("\"sessionId\"").matcher(r.body());
            n = 0;
            while (m.find()) {
                n++;
            }
            if (n >= expected) {
                return n;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        return n;
    }

    @Test
    public void twiceTheTrunksLimitsGets503sAndEveryAcceptedCallEndsCleanly() throws Exception {
        workspace("\"maxCalls\": 10");
        // 20 calls within one second, each held 3 s: the trunk's 10 places fill and the other 10 are refused
        int[] calls = offer("calls", 20, 20);
        assertEquals("taken", 10, calls[0]);
        assertEquals("refused", 10, calls[1]);
        assertEquals(10, metric("switchboard_invites_overload_total{scope=\"trunk\",limit=\"calls\"}"));
        gateway.awaitNoCallInProgress(15);
        assertEquals("every call taken was recorded and handed to an agent", 10, transferredConversations(10));

        String page =
                gateway.admin("GET", "/system/console/switchboard-trunks", null).body();
        assertTrue(
                "the Trunks page shows the limits",
                page.contains("10 calls at once, no limit of its own on new calls"));

        workspace("\"maxCallsPerSecond\": 5");
        // 10 calls/s for 3 s against 5/s (a bucket of one second's calls): about half are refused
        int[] rate = offer("rate", 10, 30);
        assertEquals("every call was either taken or refused", 30, rate[0] + rate[1]);
        assertTrue("taken: " + rate[0], rate[0] >= 14 && rate[0] <= 22);
        assertEquals(rate[1], metric("switchboard_invites_overload_total{scope=\"trunk\",limit=\"rate\"}"));
        gateway.awaitNoCallInProgress(15);
        assertEquals(10 + rate[0], transferredConversations(10 + rate[0]));

        // recovery needs nobody: the next call is taken
        int[] after = offer("after", 1, 1);
        assertEquals(1, after[0]);
        String log = gateway.log();
        assertTrue("refusals are logged", log.contains("with 503: Overload: trunk limited"));
        assertFalse("no failure in Switchboard's code", log.contains("\tat org.switchboard."));
    }
}

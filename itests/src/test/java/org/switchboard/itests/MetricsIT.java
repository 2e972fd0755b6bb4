package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/** {@code GET /metrics} after a real call and API requests: the JVM, the calls, RTP, recognition and the APIs. */
public class MetricsIT extends SwitchboardTestSupport {

    @Test
    public void metricsCountACallItsMediaAndApiRequests() throws Exception {
        awaitHealthy();
        sipp("zcc-transfer-bye.xml", "udp");
        awaitEndedConversation("+15550100");
        assertEquals(401, get("/api/admin/bots", null, null).status());

        Http m = get("/metrics", null, null);
        assertEquals(200, m.status());
        String text = m.body();
        assertTrue(text, text.contains("# TYPE switchboard_calls_total counter\n"));
        assertEquals(1, value(text, "switchboard_calls_total{trunk=\"zcc-demo\",ended_by=\"transfer\"}"), 0);
        assertEquals(1, value(text, "switchboard_calls_started_total{trunk=\"zcc-demo\"}"), 0);
        assertEquals(0, value(text, "switchboard_calls_active"), 0);
        assertEquals(1, value(text, "switchboard_invite_answer_seconds_count"), 0);
        assertEquals(1, value(text, "switchboard_invite_answer_seconds_bucket{le=\"+Inf\"}"), 0);
        assertTrue(text, value(text, "switchboard_rtp_packets_total{direction=\"out\"}") > 0);
        assertEquals(0, value(text, "switchboard_media_sessions_active"), 0);
        assertTrue(text, text.contains("switchboard_recognition_real_time_factor "));
        assertTrue(text, text.contains("switchboard_recognitions_total "));
        assertEquals(1, value(text, "switchboard_api_requests_total{api=\"admin\",status=\"401\"}"), 0);
        assertEquals(1, value(text, "switchboard_api_request_seconds_count{api=\"admin\"}"), 0);
        assertTrue(text, value(text, "jvm_memory_used_bytes{area=\"heap\"}") > 1_000_000);
        assertTrue(text, value(text, "jvm_threads_live") > 10);
        assertTrue(text, value(text, "process_cpu_seconds_total") > 0);
        assertTrue(text, value(text, "jvm_allocated_bytes_total") > 1_000_000);
    }

    private static double value(String text, String series) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no sample " + series + " in\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }
}

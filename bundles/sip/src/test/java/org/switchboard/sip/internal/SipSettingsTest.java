package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;
import org.osgi.util.converter.Converters;

public class SipSettingsTest {

    static SipConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(new HashMap<>(props)).to(SipConfig.class);
    }

    @Test
    public void defaults() {
        SipSettings s = SipSettings.from(config(Map.of()));
        assertEquals("127.0.0.1", s.address());
        assertEquals(5060, s.udpPort());
        assertEquals(5060, s.tcpPort());
        assertEquals(4, s.stackTraceLevel());
        assertEquals(2000, s.maxCalls());
        assertEquals(200, s.maxCallsPerSecond());
        assertEquals(2, s.transactionLingerS());
    }

    @Test
    public void theRecorderGathersRecords25MsByDefaultAndAtMostASecond() {
        assertEquals(25, SipSettings.from(config(Map.of())).recorderGatherMs());
        assertEquals(
                0, SipSettings.from(config(Map.of("recorder.gather.ms", 0))).recorderGatherMs());
        for (int bad : new int[] {-1, 1001}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> SipSettings.from(config(Map.of("recorder.gather.ms", bad))));
            assertTrue(
                    e.getMessage(),
                    e.getMessage().contains("'recorder.gather.ms' = '" + bad + "': must be between 0 and 1000"));
        }
    }

    @Test
    public void theWorkerBacklogIsBounded() {
        assertEquals(10_000, SipSettings.from(config(Map.of())).workerBacklog());
        assertEquals(
                200, SipSettings.from(config(Map.of("worker.backlog", 200))).workerBacklog());
        for (int bad : new int[] {99, 100_001}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> SipSettings.from(config(Map.of("worker.backlog", bad))));
            assertTrue(
                    e.getMessage(),
                    e.getMessage().contains("'worker.backlog' = '" + bad + "': must be between 100 and 100000"));
        }
    }

    @Test
    public void theLingerReachesTheStackAndStaysWithinTheRfcTimers() {
        SipSettings s = SipSettings.from(config(Map.of("transaction.linger.s", 5)));
        assertEquals("5", StackProperties.of(s, "t").getProperty("gov.nist.javax.sip.LINGER_TIMER"));
        for (int bad : new int[] {0, 33}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> SipSettings.from(config(Map.of("transaction.linger.s", bad))));
            assertTrue(
                    e.getMessage(),
                    e.getMessage().contains("'transaction.linger.s' = '" + bad + "': must be between 1 and 32"));
        }
    }

    @Test
    public void callLimitsMayBeOffButNotNegative() {
        SipSettings off = SipSettings.from(config(Map.of("max.calls", 0, "max.calls.per.second", 0)));
        assertEquals(0, off.maxCalls());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SipSettings.from(config(Map.of("max.calls", -1, "max.calls.per.second", 20_000))));
        assertTrue(e.getMessage(), e.getMessage().contains("'max.calls' = '-1': must be between 0 and 100000"));
        assertTrue(
                e.getMessage(),
                e.getMessage().contains("'max.calls.per.second' = '20000': must be between 0 and 10000"));
    }

    @Test
    public void portOutOfRangeNamesPidPropertyAndReason() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SipSettings.from(config(Map.of("udp.port", 70000))));
        assertTrue(e.getMessage(), e.getMessage().contains("PID org.switchboard.sip"));
        assertTrue(e.getMessage(), e.getMessage().contains("'udp.port' = '70000'"));
        assertTrue(e.getMessage(), e.getMessage().contains("between 1 and 65535"));
    }

    @Test
    public void everyProblemIsReportedAtOnce() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SipSettings.from(
                        config(Map.of("address", "sip.example.com", "tcp.port", -1, "stack.log.level", "LOUD"))));
        assertTrue(
                e.getMessage(),
                e.getMessage().contains("'address' = 'sip.example.com': must be an IP address, not a host name"));
        assertTrue(e.getMessage(), e.getMessage().contains("'tcp.port' = '-1'"));
        assertTrue(e.getMessage(), e.getMessage().contains("'stack.log.level' = 'LOUD'"));
    }

    @Test
    public void bothTransportsOffIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SipSettings.from(config(Map.of("udp.port", 0, "tcp.port", 0))));
        assertTrue(e.getMessage(), e.getMessage().contains("enable at least one transport"));
    }

    @Test
    public void badOctetAndIpv6() {
        assertThrows(IllegalArgumentException.class, () -> SipSettings.from(config(Map.of("address", "127.0.0.300"))));
        assertEquals("::1", SipSettings.from(config(Map.of("address", "::1"))).address());
    }
}

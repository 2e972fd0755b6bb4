package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class HealthReportTest {

    @Test
    public void rootCauseOfScrFailureText() {
        String failure = "java.lang.reflect.InvocationTargetException\n\tat java.base/x.y(Z.java:1)\n"
                + "Caused by: java.lang.IllegalArgumentException: PID org.switchboard.sip: property 'udp.port' = '70000': must be between 1 and 65535\n"
                + "\tat org.switchboard.sip.internal.SipSettings.from(SipSettings.java:52)\n";
        assertEquals(
                "PID org.switchboard.sip: property 'udp.port' = '70000': must be between 1 and 65535",
                HealthReport.rootCause(failure));
        assertEquals("plain message", HealthReport.rootCause("plain message"));
        assertEquals(null, HealthReport.rootCause(null));
    }
}

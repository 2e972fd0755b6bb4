package org.switchboard.testing;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class MetricsTest {

    private static final String TEXT = """
            # HELP switchboard_calls_active Calls in progress.
            # TYPE switchboard_calls_active gauge
            switchboard_calls_active 3
            switchboard_calls_active_peak 7
            switchboard_sip_auth_total{outcome="accepted"} 2
            switchboard_sip_auth_total{outcome="no_credentials"} 4.0
            switchboard_answer_seconds_bucket{le="0.01"} 5
            switchboard_answer_seconds_bucket{le="+Inf"} 6
            switchboard_answer_seconds_max +Inf
            """;

    @Test
    public void readsASeriesByItsNameAndLabels() {
        Metrics m = Metrics.parse(TEXT);
        assertEquals(3, m.value("switchboard_calls_active"), 0);
        assertEquals(4, m.value("switchboard_sip_auth_total{outcome=\"no_credentials\"}"), 0);
        assertEquals(6, m.value("switchboard_answer_seconds_bucket{le=\"+Inf\"}"), 0);
        assertEquals(Double.POSITIVE_INFINITY, m.value("switchboard_answer_seconds_max"), 0);
        assertEquals("a series that is not there", 0, m.value("switchboard_sip_auth_total{outcome=\"username\"}"), 0);
    }

    @Test
    public void sumsAMetricOverItsLabelSetsOnly() {
        Metrics m = Metrics.parse(TEXT);
        assertEquals(6, m.count("switchboard_sip_auth_total"));
        assertEquals("a longer name sharing the prefix is another metric", 3, m.count("switchboard_calls_active"));
        assertEquals(0, m.count("switchboard_calls_total"));
        assertEquals(0, Metrics.parse(null).count("switchboard_calls_active"));
    }
}

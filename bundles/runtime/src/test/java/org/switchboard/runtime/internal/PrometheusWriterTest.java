package org.switchboard.runtime.internal;

import static org.junit.Assert.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;
import org.switchboard.util.metrics.Histogram;
import org.switchboard.util.metrics.LabeledCounter;

/** The exposition format: families grouped by name, labels escaped, histograms cumulative, bad samples skipped. */
public class PrometheusWriterTest {

    @Test
    public void samplesAreGroupedAndEscaped() {
        PrometheusWriter w = new PrometheusWriter();
        LabeledCounter calls = new LabeledCounter("trunk", "ended_by");
        calls.increment("zcc", "transfer");
        calls.add(2, "zcc", "transfer");
        calls.writeTo(w, "switchboard_calls_total", "Calls ended");
        w.gauge("switchboard_calls_active", "Calls\nin progress \\ now", Map.of(), 3);
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("trunk", "a\"b\\c\nd");
        w.counter("switchboard_calls_total", "ignored second help", hostile, 1.5);
        w.counter("bad name", "x", Map.of(), 1);
        w.counter("ok_total", "x", Map.of("__reserved", "v"), 1);
        w.gauge("switchboard_calls_total", "same name, other type", Map.of(), 1);
        assertEquals("""
                # HELP switchboard_calls_total Calls ended
                # TYPE switchboard_calls_total counter
                switchboard_calls_total{trunk="zcc",ended_by="transfer"} 3
                switchboard_calls_total{trunk="a\\"b\\\\c\\nd"} 1.5
                # HELP switchboard_calls_active Calls\\nin progress \\\\ now
                # TYPE switchboard_calls_active gauge
                switchboard_calls_active 3
                """, w.text());
    }

    @Test
    public void aHistogramIsWrittenCumulativeWithInfSumAndCount() {
        Histogram h = new Histogram(0.01, 0.1, 1);
        h.observe(0.005);
        h.observe(0.01);
        h.observe(0.5);
        h.observe(7);
        PrometheusWriter w = new PrometheusWriter();
        w.histogram("x_seconds", "X", Map.of("api", "admin"), h.snapshot());
        assertEquals("""
                # HELP x_seconds X
                # TYPE x_seconds histogram
                x_seconds_bucket{api="admin",le="0.01"} 2
                x_seconds_bucket{api="admin",le="0.1"} 2
                x_seconds_bucket{api="admin",le="1"} 3
                x_seconds_bucket{api="admin",le="+Inf"} 4
                x_seconds_sum{api="admin"} 7.515
                x_seconds_count{api="admin"} 4
                """, w.text());
    }

    @Test
    public void theJvmsOwnMetricsAreThere() {
        PrometheusWriter w = new PrometheusWriter();
        MetricsServlet.jvm(w);
        String text = w.text();
        for (String name : new String[] {
            "jvm_memory_used_bytes{area=\"heap\"}",
            "jvm_threads_live",
            "jvm_gc_collections_total{gc=",
            "process_cpu_seconds_total",
            "jvm_allocated_bytes_total",
            "process_start_time_seconds"
        }) {
            assertEquals(name, true, text.contains("\n" + name) || text.startsWith(name));
        }
    }
}

package org.switchboard.util.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.switchboard.api.metrics.MetricsWriter;

/** A thread-safe family of counters told apart by label values, e.g. calls by trunk and ending. */
public final class LabeledCounter {

    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

    public LabeledCounter(String... labelNames) {
        this.labelNames = List.of(labelNames);
    }

    /** Adds one for these label values (in the order of the names). */
    public void increment(String... labelValues) {
        add(1, labelValues);
    }

    public void add(long n, String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException("expected values for " + labelNames);
        }
        String[] v = labelValues.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] == null ? "" : v[i];
        }
        values.computeIfAbsent(List.of(v), k -> new LongAdder()).add(n);
    }

    /** Writes every label set seen as a counter sample. */
    public void writeTo(MetricsWriter out, String name, String help) {
        values.forEach((labelValues, v) -> {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < labelNames.size(); i++) {
                labels.put(labelNames.get(i), labelValues.get(i));
            }
            out.counter(name, help, labels, v.sum());
        });
    }
}

package org.switchboard.sip.internal;

import java.util.Map;
import java.util.function.Consumer;

import org.switchboard.api.metrics.HistogramSnapshot;
import org.switchboard.api.metrics.MetricsWriter;

/** What a collector writes, one {@code name{label="value",...} value} line per sample (a histogram: its count). */
final class MetricsText {

    private MetricsText() {}

    static String of(Consumer<MetricsWriter> collect) {
        StringBuilder out = new StringBuilder();
        collect.accept(new MetricsWriter() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                line(name, labels, value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                line(name, labels, value);
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, HistogramSnapshot snapshot) {
                line(name, labels, snapshot.count());
            }

            private void line(String name, Map<String, String> labels, double value) {
                StringBuilder l = new StringBuilder(name);
                if (!labels.isEmpty()) {
                    l.append('{');
                    labels.forEach((k, v) -> l.append(l.charAt(l.length() - 1) == '{' ? "" : ",")
                            .append(k)
                            .append("=\"")
                            .append(v)
                            .append('"'));
                    l.append('}');
                }
                out.append(l).append(' ').append((long) value).append('\n');
            }
        });
        return out.toString();
    }
}

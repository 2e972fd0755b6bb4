package org.switchboard.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.metrics.HistogramSnapshot;
import org.switchboard.api.metrics.MetricsWriter;

/** Collects samples by metric name and writes them in the Prometheus text exposition format 0.0.4. */
final class PrometheusWriter implements MetricsWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusWriter.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private record Family(String type, String help, List<String> lines) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    @Override
    public void counter(String name, String help, Map<String, String> labels, double value) {
        sample("counter", name, help, labels, value);
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, double value) {
        sample("gauge", name, help, labels, value);
    }

    @Override
    public void histogram(String name, String help, Map<String, String> labels, HistogramSnapshot s) {
        Family f = family("histogram", name, help, labels);
        if (f == null) {
            return;
        }
        for (int i = 0; i < s.bounds().length; i++) {
            Map<String, String> l = new LinkedHashMap<>(labels);
            l.put("le", number(s.bounds()[i]));
            f.lines.add(name + "_bucket" + labels(l) + " " + s.cumulative()[i]);
        }
        Map<String, String> inf = new LinkedHashMap<>(labels);
        inf.put("le", "+Inf");
        f.lines.add(name + "_bucket" + labels(inf) + " " + s.count());
        f.lines.add(name + "_sum" + labels(labels) + " " + number(s.sum()));
        f.lines.add(name + "_count" + labels(labels) + " " + s.count());
    }

    private void sample(String type, String name, String help, Map<String, String> labels, double value) {
        Family f = family(type, name, help, labels);
        if (f != null) {
            f.lines.add(name + labels(labels) + " " + number(value));
        }
    }

    private Family family(String type, String name, String help, Map<String, String> labels) {
        if (name == null
                || !NAME.matcher(name).matches()
                || labels.keySet().stream().anyMatch(l -> !LABEL.matcher(l).matches() || l.startsWith("__"))) {
            LOG.warn("Metric skipped: bad name '{}' or label names {}", name, labels.keySet());
            return null;
        }
        Family f = families.computeIfAbsent(name, n -> new Family(type, help, new ArrayList<>()));
        if (!f.type.equals(type)) {
            LOG.warn("Metric {} skipped: written as {} and as {}", name, f.type, type);
            return null;
        }
        return f;
    }

    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        labels.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(k).append("=\"").append(escape(v == null ? "" : v, true)).append('"');
        });
        return b.append('}').toString();
    }

    private static String escape(String s, boolean quote) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '"' -> b.append(quote ? "\\\"" : "\"");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    /** The exposition text. */
    String text() {
        StringBuilder b = new StringBuilder();
        families.forEach((name, f) -> {
            if (f.help != null && !f.help.isBlank()) {
                b.append("# HELP ")
                        .append(name)
                        .append(' ')
                        .append(escape(f.help, false))
                        .append('\n');
            }
            b.append("# TYPE ").append(name).append(' ').append(f.type).append('\n');
            f.lines.forEach(l -> b.append(l).append('\n'));
        });
        return b.toString();
    }
}

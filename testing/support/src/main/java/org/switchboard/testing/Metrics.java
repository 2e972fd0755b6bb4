package org.switchboard.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a gateway's {@code /metrics} (the Prometheus text format): a series by its exact name and labels,
 * or a metric summed over all its label sets. {@link #toString} is the text, for assertion messages.
 */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    /** The metrics in {@code text}, as {@code /metrics} answered. */
    public static Metrics parse(String text) {
        return new Metrics(text == null ? "" : text);
    }

    /**
     * The value of one series, named with its labels as the text writes them ({@code switchboard_calls_active} or
     * {@code switchboard_sip_auth_total{outcome="accepted"}}); 0 when it is not there.
     */
    public double value(String series) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            String name = m.group(2) == null ? m.group(1) : m.group(1) + m.group(2);
            if (name.equals(series)) {
                return number(m.group(3));
            }
        }
        return 0;
    }

    /** The sum of a metric's series over all its label sets; 0 when it has none. */
    public double sum(String name) {
        double total = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                total += number(m.group(3));
            }
        }
        return total;
    }

    /** {@link #sum} of a counter or gauge of whole numbers. */
    public long count(String name) {
        return (long) sum(name);
    }

    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    @Override
    public String toString() {
        return text;
    }
}

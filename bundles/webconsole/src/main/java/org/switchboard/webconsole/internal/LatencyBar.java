package org.switchboard.webconsole.internal;

import java.util.List;
import java.util.Map;

/**
 * How long the caller waited for an answer, drawn under the answer in the transcript: one bar per stage
 * (recognition, assistant, synthesis, playout) on a common scale, so answers can be compared at a glance, and the
 * figures in words.
 */
final class LatencyBar {

    /** The bar's full width: waits longer than this are drawn full width. */
    static final long SCALE_MS = 1500;

    private static final List<String> STAGES = List.of("recognition", "assistant", "synthesis", "playout");

    private LatencyBar() {}

    /** The timeline for a {@code turn.latency} event's attributes; empty when they hold no total. */
    static String html(Map<String, String> a) {
        long total = millis(a.get("totalMs"));
        if (total < 0) {
            return "";
        }
        StringBuilder bar = new StringBuilder("<div class=\"sb-latency\">");
        StringBuilder words = new StringBuilder();
        for (String stage : STAGES) {
            long ms = Math.max(0, millis(a.get(stage + "Ms")));
            double width = 100.0 * Math.min(ms, SCALE_MS) / SCALE_MS;
            bar.append(String.format(
                    java.util.Locale.ROOT,
                    "<span class=\"sb-lat-%s\" style=\"width:%.1f%%\" title=\"%s %d ms\"></span>",
                    stage,
                    width,
                    stage,
                    ms));
            words.append(words.length() == 0 ? "" : " &middot; ")
                    .append(stage)
                    .append(' ')
                    .append(ms);
        }
        bar.append("</div>");
        String endpoint = a.get("endpoint");
        return "<div class=\"sb-answer-latency\">" + bar + "<small>answered " + total + " ms after the caller stopped"
                + (endpoint == null ? "" : " (turn ended by " + Html.h(endpoint) + ")") + ": " + words
                + "</small></div>";
    }

    private static long millis(String v) {
        return v != null && v.matches("\\d{1,9}") ? Long.parseLong(v) : -1;
    }
}

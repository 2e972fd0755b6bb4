package org.switchboard.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.owasp.encoder.Encode;

/** Escaping and formatting for the pages: every value that reaches HTML goes through one of these. */
final class Html {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Html() {}

    /** Text content. */
    static String h(Object text) {
        return text == null ? "" : Encode.forHtml(String.valueOf(text));
    }

    /** A quoted attribute value. */
    static String a(Object text) {
        return text == null ? "" : Encode.forHtmlAttribute(String.valueOf(text));
    }

    /** A query parameter value. */
    static String u(Object text) {
        return text == null ? "" : Encode.forUriComponent(String.valueOf(text));
    }

    /** A time in UTC, or a dash. */
    static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    /** A duration as {@code 1h02m03s}, {@code 2m03s} or {@code 3.2s}. */
    static String duration(Instant from, Instant to) {
        if (from == null) {
            return "-";
        }
        Duration d = Duration.between(from, to == null ? Instant.now() : to);
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%.1fs", Math.max(0, d.toMillis()) / 1000.0);
    }

    /** A hidden form field. */
    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + a(name) + "\" value=\"" + a(value) + "\">";
    }
}

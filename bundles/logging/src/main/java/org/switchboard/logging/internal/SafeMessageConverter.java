package org.switchboard.logging.internal;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg} in a logback pattern: the event's message on one line, whatever a peer put into a logged value.
 * CR and LF are written as {@code \r} and {@code \n}, every other control character but the tab as {@code ?}. One pass
 * over the message, and none of it copied when it has nothing to escape (the three {@code %replace} regular
 * expressions it replaces made three copies of every line of every appender).
 */
public final class SafeMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(event.getFormattedMessage());
    }

    static String escape(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && !control(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else {
                b.append(control(c) ? '?' : c);
            }
        }
        return b.toString();
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }
}

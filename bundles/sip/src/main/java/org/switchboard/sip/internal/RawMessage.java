package org.switchboard.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The header section of a message as text, before any parsing: the start line and the header fields, continuation
 * lines folded in. Enough to count and name headers and to copy the ones a stateless reply needs, whatever else is
 * wrong with the message. Lines may end with CRLF or a bare LF; the section ends at the first empty line.
 */
record RawMessage(String startLine, List<String> fields) {

    private static final Pattern LENGTH = Pattern.compile("\\d{1,9}");

    static RawMessage of(String text) {
        List<String> fields = new ArrayList<>();
        String start = null;
        StringBuilder current = null;
        int i = 0;
        while (i <= text.length()) {
            int nl = text.indexOf('\n', i);
            String line = nl < 0 ? text.substring(i) : text.substring(i, nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            i = nl < 0 ? text.length() + 1 : nl + 1;
            if (start == null) {
                start = line;
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(' ').append(line.strip());
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return new RawMessage(start == null ? "" : start, List.copyOf(fields));
    }

    int headerCount() {
        return fields.size();
    }

    /** The header names in order, as written (no colon: the whole line). */
    List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (String f : fields) {
            names.add(name(f));
        }
        return names;
    }

    /** The header fields named {@code name} or its compact form {@code compact} (may be null), in order. */
    List<String> fields(String name, String compact) {
        List<String> found = new ArrayList<>();
        for (String f : fields) {
            String n = name(f).toLowerCase(Locale.ROOT);
            if (n.equals(name.toLowerCase(Locale.ROOT)) || (compact != null && n.equals(compact))) {
                found.add(f);
            }
        }
        return found;
    }

    /** The one Content-Length's value; -1 when it is absent, given twice or not a number of at most 9 digits. */
    int contentLength() {
        List<String> lengths = fields("Content-Length", "l");
        if (lengths.size() != 1) {
            return -1;
        }
        String value = lengths.get(0).substring(lengths.get(0).indexOf(':') + 1).strip();
        return LENGTH.matcher(value).matches() ? Integer.parseInt(value) : -1;
    }

    /** The request method, or null for a response. */
    String method() {
        if (startLine.startsWith("SIP/")) {
            return null;
        }
        int sp = startLine.indexOf(' ');
        return sp < 0 ? startLine : startLine.substring(0, sp);
    }

    private static String name(String field) {
        int colon = field.indexOf(':');
        return (colon < 0 ? field : field.substring(0, colon)).strip();
    }
}

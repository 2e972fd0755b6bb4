package org.switchboard.sip.internal;

import java.util.ArrayList;
import java.util.List;
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
        String current = null;
        StringBuilder folded = null; // the current field once a continuation line is folded into it
        int n = text.length();
        int i = 0;
        while (i <= n) {
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? n : nl;
            int next = nl < 0 ? n + 1 : nl + 1;
            if (end > i && text.charAt(end - 1) == '\r') {
                end--;
            }
            if (start == null) {
                start = text.substring(i, end);
                i = next;
                continue;
            }
            if (end == i) {
                break;
            }
            char c = text.charAt(i);
            if ((c == ' ' || c == '\t') && current != null) {
                if (folded == null) {
                    folded = new StringBuilder(current);
                }
                folded.append(' ').append(text.substring(i, end).strip()); // folding is rare
            } else {
                if (current != null) {
                    fields.add(folded == null ? current : folded.toString());
                }
                current = text.substring(i, end);
                folded = null;
            }
            i = next;
        }
        if (current != null) {
            fields.add(folded == null ? current : folded.toString());
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
            if (named(f, name) || (compact != null && named(f, compact))) {
                found.add(f);
            }
        }
        return found;
    }

    /** Whether {@code field}'s name, whitespace around it ignored, is {@code name} in any case. */
    private static boolean named(String field, String name) {
        int colon = field.indexOf(':');
        int from = 0;
        int to = colon < 0 ? field.length() : colon;
        while (from < to && Character.isWhitespace(field.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(field.charAt(to - 1))) {
            to--;
        }
        return to - from == name.length() && field.regionMatches(true, from, name, 0, name.length());
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

package org.switchboard.store.internal;

import java.util.List;
import java.util.Map;

/**
 * The JSON text of the maps the store writes with every record (a SIP message's headers, an event's attributes):
 * written directly, because Gson's reflective adapters cost 2 % of the gateway's CPU at 400 calls/s. Values are
 * strings or lists of strings; an entry with a null value is left out, as Gson does. The text is read back with Gson.
 */
final class JsonText {

    private JsonText() {}

    static String of(Map<String, ?> map) {
        StringBuilder b = new StringBuilder(32 + map.size() * 48);
        object(b, map);
        return b.toString();
    }

    private static void object(StringBuilder b, Map<String, ?> map) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, String.valueOf(e.getKey()));
            b.append(':');
            value(b, e.getValue());
        }
        b.append('}');
    }

    /** Appends one SIP message as the object a row of {@code session_batches} lists in its {@code messages}. */
    static void sipMessage(StringBuilder b, long at, String direction, String firstLine, Map<String, ?> headers) {
        b.append("{\"at\":").append(at).append(",\"direction\":");
        string(b, direction);
        b.append(",\"firstLine\":");
        string(b, firstLine);
        b.append(",\"headers\":");
        object(b, headers);
        b.append('}');
    }

    /** Appends one event as the object a row of {@code session_batches} lists in its {@code events}. */
    static void event(StringBuilder b, long at, String type, Map<String, ?> attributes) {
        b.append("{\"at\":").append(at).append(",\"type\":");
        string(b, type);
        b.append(",\"attributes\":");
        object(b, attributes);
        b.append('}');
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(b, list.get(i));
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException(
                    "not a string or a list of strings: " + v.getClass().getName());
        }
    }

    /** Appends {@code s} as a JSON string. */
    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}

package org.switchboard.adapter.zcc.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.call.SessionContext;

/** An ordered set of configured headers, each a name and a value template, checked when configured. */
final class HeaderSet {

    private final Map<String, HeaderTemplate> headers;

    private HeaderSet(Map<String, HeaderTemplate> headers) {
        this.headers = Collections.unmodifiableMap(headers);
    }

    static final HeaderSet EMPTY = new HeaderSet(new LinkedHashMap<>());

    /**
     * Parses lines of the form {@code Name: value template}.
     *
     * @param property the configuration property, for messages
     * @param problems receives one message per bad line
     */
    static HeaderSet parse(String[] lines, String property, int max, List<String> problems) {
        Map<String, HeaderTemplate> map = new LinkedHashMap<>();
        if (lines == null) {
            return EMPTY;
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i] == null ? "" : lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = "property '" + property + "'[" + i + "] = '" + line + "': ";
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(where + "expected 'Name: value'");
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (!isToken(name)) {
                problems.add(where + "'" + name + "' is not a valid SIP header name");
                continue;
            }
            if (name.toLowerCase(java.util.Locale.ROOT).startsWith("kore-")) {
                problems.add(where + "kore-* headers are set by the adapter itself");
                continue;
            }
            try {
                map.put(name, HeaderTemplate.parse(line.substring(colon + 1).trim()));
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        if (map.size() > max) {
            problems.add("property '" + property + "': " + map.size() + " headers; at most " + max + " are allowed");
        }
        return new HeaderSet(map);
    }

    /** Parses flow-supplied headers (already validated by the flow); a bad template is rendered literally. */
    static HeaderSet ofFlow(Map<String, String> headers) {
        Map<String, HeaderTemplate> map = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            try {
                map.put(name, HeaderTemplate.parse(value));
            } catch (IllegalArgumentException e) {
                map.put(name, HeaderTemplate.parse(value.replace("{{", "{ {").replace('\r', ' ').replace('\n', ' ')));
            }
        });
        return new HeaderSet(map);
    }

    int size() {
        return headers.size();
    }

    /** Renders into {@code target} (later names replace earlier ones), stopping at {@code max} custom headers. */
    void renderInto(Map<String, String> target, SessionContext session, int maxBytes, int max) {
        for (Map.Entry<String, HeaderTemplate> h : headers.entrySet()) {
            boolean present = target.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(h.getKey()));
            if (!present && customCount(target) >= max) {
                return;
            }
            target.keySet().removeIf(k -> k.equalsIgnoreCase(h.getKey()));
            target.put(h.getKey(), h.getValue().render(session, maxBytes));
        }
    }

    private static long customCount(Map<String, String> headers) {
        return headers.keySet().stream().filter(k -> !k.toLowerCase(java.util.Locale.ROOT).startsWith("kore-")).count();
    }

    static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0));
    }
}

package org.switchboard.adapter.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.call.SessionContext;

/**
 * An ordered set of headers, each a name and a value template ({@link HeaderTemplate}), checked when configured. An
 * adapter may reserve a name prefix for headers it sets itself (ZCC: {@code kore-}): configured headers cannot use
 * it, and such headers do not count against the limit of custom headers.
 */
public final class HeaderSet {

    private final Map<String, HeaderTemplate> headers;
    private final String reserved;

    private HeaderSet(Map<String, HeaderTemplate> headers, String reserved) {
        this.headers = Collections.unmodifiableMap(headers);
        this.reserved = reserved;
    }

    /** No headers. */
    public static final HeaderSet EMPTY = new HeaderSet(new LinkedHashMap<>(), null);

    /**
     * Parses lines of the form {@code Name: value template}.
     *
     * @param property the configuration property, for messages
     * @param reserved a lower-case name prefix the adapter keeps for itself (e.g. {@code kore-}), or {@code null}
     * @param problems receives one message per bad line
     */
    public static HeaderSet parse(String[] lines, String property, int max, String reserved, List<String> problems) {
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
            if (reserved != null && name.toLowerCase(java.util.Locale.ROOT).startsWith(reserved)) {
                problems.add(where + reserved + "* headers are set by the adapter itself");
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
        return new HeaderSet(map, reserved);
    }

    /** Parses flow-supplied headers (already validated by the flow); a bad template is rendered literally. */
    public static HeaderSet ofFlow(Map<String, String> headers, String reserved) {
        Map<String, HeaderTemplate> map = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            try {
                map.put(name, HeaderTemplate.parse(value));
            } catch (IllegalArgumentException e) {
                map.put(
                        name,
                        HeaderTemplate.parse(
                                value.replace("{{", "{ {").replace('\r', ' ').replace('\n', ' ')));
            }
        });
        return new HeaderSet(map, reserved);
    }

    /** How many headers the set has. */
    public int size() {
        return headers.size();
    }

    /** Renders into {@code target} (later names replace earlier ones), stopping at {@code max} custom headers. */
    public void renderInto(Map<String, String> target, SessionContext session, int maxBytes, int max) {
        for (Map.Entry<String, HeaderTemplate> h : headers.entrySet()) {
            boolean present = target.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(h.getKey()));
            if (!present && customCount(target) >= max) {
                return;
            }
            target.keySet().removeIf(k -> k.equalsIgnoreCase(h.getKey()));
            target.put(h.getKey(), h.getValue().render(session, maxBytes));
        }
    }

    private long customCount(Map<String, String> headers) {
        return headers.keySet().stream()
                .filter(k -> reserved == null
                        || !k.toLowerCase(java.util.Locale.ROOT).startsWith(reserved))
                .count();
    }

    /** Whether {@code s} is a SIP token (a valid header name). */
    public static boolean isToken(String s) {
        return !s.isEmpty()
                && s.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0));
    }
}

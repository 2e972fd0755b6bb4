package org.switchboard.flow.internal.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a configured SIP header may look like, checked when a flow or header set is saved rather than when a call
 * is handed back: a name is a SIP token, a value is one line of at most {@value #MAX_VALUE_BYTES} bytes, and a set
 * has at most {@value #MAX_HEADERS} headers (peers such as ZCC cap custom headers).
 */
public final class HeaderRules {

    static final int MAX_HEADERS = 10;
    static final int MAX_VALUE_BYTES = 256;

    private HeaderRules() {}

    /** Adds a problem for every header of {@code headers} that breaks a rule; {@code path} names the set. */
    public static void check(Map<String, String> headers, String path, String nodeId, List<Problem> problems) {
        if (headers.size() > MAX_HEADERS) {
            problems.add(
                    new Problem(path, nodeId, headers.size() + " headers; at most " + MAX_HEADERS + " are allowed"));
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String where = path + "." + h.getKey();
            if (!isToken(h.getKey())) {
                problems.add(new Problem(
                        where,
                        nodeId,
                        "'" + h.getKey()
                                + "' is not a valid SIP header name (a token: letters, digits, - . ! % * _ + ` ' ~)"));
            }
            String value = h.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                problems.add(new Problem(where, nodeId, "a header value must not contain CR or LF"));
            } else if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                problems.add(new Problem(where, nodeId, "value is longer than " + MAX_VALUE_BYTES + " bytes"));
            }
        }
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (char c : s.toCharArray()) {
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

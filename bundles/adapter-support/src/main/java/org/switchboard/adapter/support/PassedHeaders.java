package org.switchboard.adapter.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.switchboard.api.adapter.InboundCall;

/**
 * Which of an INVITE's headers an adapter passes to the flow, scripts, templates, assistants and the conversation
 * record ({@code CallPolicy.sessionHeaders}): header names, or prefixes ending in {@code *} ({@code X-*}).
 */
public final class PassedHeaders {

    private final List<String> patterns;

    private PassedHeaders(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses the configured names; a bad one adds a problem naming {@code property}.
     *
     * @param problems receives one message per bad entry
     */
    public static PassedHeaders parse(String[] names, String property, List<String> problems) {
        List<String> passed = new ArrayList<>();
        for (String p : names == null ? new String[0] : names) {
            String name = p == null ? "" : p.trim();
            if (!name.matches("[A-Za-z0-9!%'`~+._-]+\\*?") || name.equals("*")) {
                problems.add("property '" + property + "' entry '" + p + "': must be a header name or a prefix ending "
                        + "in '*', such as X-*");
            } else {
                passed.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new PassedHeaders(passed);
    }

    /** Whether a header (any case) is passed. */
    public boolean passes(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            if (p.endsWith("*") ? h.startsWith(p.substring(0, p.length() - 1)) : h.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** The call's headers that pass, several values of one header joined with {@code ", "}. */
    public Map<String, String> of(InboundCall call) {
        Map<String, String> h = new LinkedHashMap<>();
        call.headers().forEach((name, values) -> {
            if (passes(name) && !values.isEmpty()) {
                h.put(name, String.join(", ", values));
            }
        });
        return h;
    }
}

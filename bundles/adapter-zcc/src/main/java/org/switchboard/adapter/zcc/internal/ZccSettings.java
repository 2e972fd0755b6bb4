package org.switchboard.adapter.zcc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Validated, immutable adapter settings; every problem is reported at once with PID and property. */
record ZccSettings(boolean refer, String referTarget, HeaderSet transferHeaders, HeaderSet hangupHeaders,
        int maxCustomHeaders, int maxValueBytes, List<String> sessionHeaders) {

    /** Whether a header (any case) is one of {@link #sessionHeaders}: a name, or a prefix ending in '*'. */
    boolean passes(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        for (String p : sessionHeaders) {
            if (p.endsWith("*") ? h.startsWith(p.substring(0, p.length() - 1)) : h.equals(p)) {
                return true;
            }
        }
        return false;
    }

    static ZccSettings from(ZccConfig c) {
        List<String> problems = new ArrayList<>();
        String method = c.transfer_method() == null ? "" : c.transfer_method().trim().toLowerCase(Locale.ROOT);
        if (!method.equals("bye") && !method.equals("refer")) {
            problems.add("property 'transfer.method' = '" + c.transfer_method() + "': must be 'bye' or 'refer'");
        }
        String target = c.refer_target() == null ? "" : c.refer_target().trim();
        if (method.equals("refer") && target.isEmpty()) {
            problems.add("property 'refer.target' is empty: transfer method 'refer' needs a number or SIP URI");
        }
        if (!target.isEmpty() && !(target.matches("\\+?[0-9]{3,15}") || target.matches("sips?:[^\\s<>\"]+"))) {
            problems.add("property 'refer.target' = '" + target + "': must be a phone number or a SIP URI");
        }
        int max = c.max_custom_headers();
        if (max < 1 || max > 50) {
            problems.add("property 'max.custom.headers' = '" + max + "': must be between 1 and 50");
        }
        if (c.max_value_bytes() < 16 || c.max_value_bytes() > 4096) {
            problems.add("property 'max.value.bytes' = '" + c.max_value_bytes() + "': must be between 16 and 4096");
        }
        HeaderSet transfer = HeaderSet.parse(c.transfer_headers(), "transfer.headers", max, problems);
        HeaderSet hangup = HeaderSet.parse(c.hangup_headers(), "hangup.headers", max, problems);
        List<String> passed = new ArrayList<>();
        for (String p : c.session_headers() == null ? new String[0] : c.session_headers()) {
            String name = p == null ? "" : p.trim();
            if (!name.matches("[A-Za-z0-9!%'`~+._-]+\\*?") || name.equals("*")) {
                problems.add("property 'session.headers' entry '" + p + "': must be a header name or a prefix ending "
                        + "in '*', such as X-*");
            } else {
                passed.add(name.toLowerCase(Locale.ROOT));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("PID " + ZccAdapter.PID + ": " + String.join("; ", problems));
        }
        return new ZccSettings(method.equals("refer"), target.isEmpty() ? null : target, transfer, hangup, max,
                c.max_value_bytes(), List.copyOf(passed));
    }
}

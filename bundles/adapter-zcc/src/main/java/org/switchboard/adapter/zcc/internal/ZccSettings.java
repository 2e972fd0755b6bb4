package org.switchboard.adapter.zcc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Validated, immutable adapter settings; every problem is reported at once with PID and property. */
record ZccSettings(boolean refer, String referTarget, HeaderSet transferHeaders, HeaderSet hangupHeaders,
        int maxCustomHeaders, int maxValueBytes) {

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
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("PID " + ZccAdapter.PID + ": " + String.join("; ", problems));
        }
        return new ZccSettings(method.equals("refer"), target.isEmpty() ? null : target, transfer, hangup, max,
                c.max_value_bytes());
    }
}

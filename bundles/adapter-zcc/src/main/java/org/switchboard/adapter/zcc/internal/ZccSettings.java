package org.switchboard.adapter.zcc.internal;

import java.util.ArrayList;
import java.util.List;

import org.switchboard.adapter.support.HandbackLimits;
import org.switchboard.adapter.support.HeaderSet;
import org.switchboard.adapter.support.PassedHeaders;

/** Validated, immutable adapter settings; every problem is reported at once with PID and property. */
record ZccSettings(
        HandbackLimits limits, HeaderSet transferHeaders, HeaderSet hangupHeaders, PassedHeaders sessionHeaders) {

    /** The prefix of the headers this adapter sets itself. */
    static final String RESERVED = "kore-";

    static ZccSettings from(ZccConfig c) {
        List<String> problems = new ArrayList<>();
        HandbackLimits limits = HandbackLimits.check(
                c.transfer_method(), c.refer_target(), c.max_custom_headers(), c.max_value_bytes(), problems);
        int max = c.max_custom_headers();
        HeaderSet transfer = HeaderSet.parse(c.transfer_headers(), "transfer.headers", max, RESERVED, problems);
        HeaderSet hangup = HeaderSet.parse(c.hangup_headers(), "hangup.headers", max, RESERVED, problems);
        PassedHeaders passed = PassedHeaders.parse(c.session_headers(), "session.headers", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("PID " + ZccAdapter.PID + ": " + String.join("; ", problems));
        }
        return new ZccSettings(limits, transfer, hangup, passed);
    }
}

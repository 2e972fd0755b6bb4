package org.switchboard.adapter.sip.internal;

import java.util.ArrayList;
import java.util.List;

import org.switchboard.adapter.support.HandbackLimits;
import org.switchboard.adapter.support.HeaderSet;
import org.switchboard.adapter.support.PassedHeaders;

/** Validated, immutable settings of the generic SIP adapter; every problem is reported at once with its property. */
record SipAdapterSettings(
        HeaderSet answerHeaders,
        HandbackLimits limits,
        HeaderSet transferHeaders,
        HeaderSet hangupHeaders,
        PassedHeaders sessionHeaders,
        Uui uui) {

    static SipAdapterSettings from(SipAdapterConfig c) {
        List<String> problems = new ArrayList<>();
        HandbackLimits limits = HandbackLimits.check(
                c.transfer_method(), c.refer_target(), c.max_custom_headers(), c.max_value_bytes(), problems);
        int max = c.max_custom_headers();
        HeaderSet answer = HeaderSet.parse(c.answer_headers(), "answer.headers", max, null, problems);
        HeaderSet transfer = HeaderSet.parse(c.transfer_headers(), "transfer.headers", max, null, problems);
        HeaderSet hangup = HeaderSet.parse(c.hangup_headers(), "hangup.headers", max, null, problems);
        PassedHeaders passed = PassedHeaders.parse(c.session_headers(), "session.headers", problems);
        Uui uui = Uui.parse(c, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("PID " + SipAdapter.PID + ": " + String.join("; ", problems));
        }
        return new SipAdapterSettings(answer, limits, transfer, hangup, passed, uui);
    }
}

package org.switchboard.sip.internal;

import java.text.ParseException;
import java.util.Map;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;

/** Adds adapter and flow headers (already validated as tokens with one-line values) to a message, in order. */
final class Headers {

    private Headers() {}

    static void add(HeaderFactory factory, Message message, Map<String, String> headers) throws ParseException {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            message.addHeader(factory.createHeader(h.getKey(), h.getValue()));
        }
    }
}

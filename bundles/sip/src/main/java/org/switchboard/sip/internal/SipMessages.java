package org.switchboard.sip.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;

import javax.sip.header.Header;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.SipMessageRecord;

/** Reads SIP messages: header values as text, and the record of a message kept for a session's ladder. */
final class SipMessages {

    private static final java.util.Set<String> CREDENTIALS = java.util.Set.of("authorization", "proxy-authorization");
    private static final java.util.regex.Pattern RESPONSE = java.util.regex.Pattern.compile(
            "(?i)(\\bresponse\\s*=\\s*)(\"[^\"]*\"|[^,\\s]*)");

    private SipMessages() {
    }

    static SipMessageRecord record(String sessionId, Direction direction, Message message) {
        return new SipMessageRecord(sessionId, Instant.now(), direction, firstLine(message), headers(message));
    }

    static String firstLine(Message message) {
        if (message instanceof Request r) {
            return r.getMethod() + " " + r.getRequestURI() + " SIP/2.0";
        }
        Response r = (Response) message;
        return "SIP/2.0 " + r.getStatusCode() + " " + r.getReasonPhrase();
    }

    /** Every header by its name as sent, values in order; a digest response is left out of credentials. */
    static Map<String, List<String>> headers(Message message) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        ListIterator<?> names = message.getHeaderNames();
        while (names.hasNext()) {
            String name = (String) names.next();
            List<String> values = new ArrayList<>();
            ListIterator<?> hs = message.getHeaders(name);
            boolean credentials = CREDENTIALS.contains(name.toLowerCase(Locale.ROOT));
            while (hs.hasNext()) {
                String v = value((Header) hs.next());
                values.add(credentials ? RESPONSE.matcher(v).replaceAll("$1\"(redacted)\"") : v);
            }
            all.put(name, values);
        }
        return all;
    }

    /** Headers by lower-case name, as adapters see them. */
    static Map<String, List<String>> lowerCaseHeaders(Message message) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers(message).forEach((k, v) -> all.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> {
            List<String> m = new ArrayList<>(a);
            m.addAll(b);
            return m;
        }));
        return all;
    }

    /** The first value of a header, or {@code null}. */
    static String value(Message message, String name) {
        Header h = message.getHeader(name);
        return h == null ? null : value(h);
    }

    static String value(Header h) {
        String text = h.toString();
        int colon = text.indexOf(':');
        return (colon < 0 ? text : text.substring(colon + 1)).trim();
    }

    /** Whether a comma-separated header (Supported, Allow, Require) lists {@code token}, case-insensitively. */
    static boolean lists(Message message, String name, String token) {
        ListIterator<?> hs = message.getHeaders(name);
        while (hs.hasNext()) {
            for (String t : value((Header) hs.next()).split(",")) {
                if (t.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}

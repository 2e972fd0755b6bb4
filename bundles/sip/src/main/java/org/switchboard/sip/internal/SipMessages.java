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

    private static final java.util.regex.Pattern RESPONSE =
            java.util.regex.Pattern.compile("(?i)(\\bresponse\\s*=\\s*)(\"[^\"]*\"|[^,\\s]*)");

    private SipMessages() {}

    static SipMessageRecord record(String sessionId, Direction direction, Message message) {
        return record(sessionId, direction, message, headers(message));
    }

    /** The record of {@code message} whose {@link #headers} were read already. */
    static SipMessageRecord record(
            String sessionId, Direction direction, Message message, Map<String, List<String>> headers) {
        return new SipMessageRecord(sessionId, Instant.now(), direction, firstLine(message), headers);
    }

    static String firstLine(Message message) {
        if (message instanceof Request r) {
            return r.getMethod() + " " + r.getRequestURI() + " SIP/2.0";
        }
        Response r = (Response) message;
        return "SIP/2.0 " + r.getStatusCode() + " " + r.getReasonPhrase();
    }

    /**
     * Every header by its name as sent, values in order; a digest response is left out of credentials. Each header is
     * encoded into one buffer for the message, and a header that came once (most do) is a one-element list.
     */
    static Map<String, List<String>> headers(Message message) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        StringBuilder buffer = new StringBuilder(256);
        ListIterator<?> names = message.getHeaderNames();
        while (names.hasNext()) {
            String name = (String) names.next();
            boolean credentials = isCredentials(name);
            String first = null;
            List<String> values = null;
            ListIterator<?> hs = message.getHeaders(name);
            while (hs.hasNext()) {
                String v = value((Header) hs.next(), buffer);
                v = credentials ? RESPONSE.matcher(v).replaceAll("$1\"(redacted)\"") : v;
                if (first == null) {
                    first = v;
                } else {
                    if (values == null) {
                        values = new ArrayList<>(4);
                        values.add(first);
                    }
                    values.add(v);
                }
            }
            all.put(name, values != null ? values : first != null ? List.of(first) : List.of());
        }
        return all;
    }

    private static boolean isCredentials(String name) {
        return name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization");
    }

    /** {@code headers} (from {@link #headers}) by lower-case name, as adapters see them. */
    static Map<String, List<String>> lowerCaseHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((k, v) -> all.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> {
            List<String> m = new ArrayList<>(a);
            m.addAll(b);
            return m;
        }));
        return all;
    }

    /** At most this many headers are passed to a flow; more are left out. */
    static final int MAX_PASSED_HEADERS = 32;
    /** A passed header's value is cut to this many characters. */
    static final int MAX_PASSED_VALUE = 1024;

    /**
     * The headers an adapter chose to pass ({@code chosen}, by any case of name), named as they were received
     * ({@code received}: the message's header names in order), at most {@value #MAX_PASSED_HEADERS}, each value one
     * line of at most {@value #MAX_PASSED_VALUE} characters.
     */
    static Map<String, String> receivedNames(java.util.Collection<String> received, Map<String, String> chosen) {
        if (chosen == null || chosen.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byLower = new LinkedHashMap<>();
        chosen.forEach((k, v) -> byLower.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> passed = new LinkedHashMap<>();
        for (String name : received) {
            String v = byLower.remove(name.toLowerCase(Locale.ROOT));
            if (v != null && passed.size() < MAX_PASSED_HEADERS) {
                passed.put(name, oneLine(v));
            }
        }
        for (Map.Entry<String, String> e : byLower.entrySet()) {
            if (e.getValue() != null && passed.size() < MAX_PASSED_HEADERS) {
                passed.put(e.getKey(), oneLine(e.getValue()));
            }
        }
        return passed;
    }

    private static String oneLine(String v) {
        String line = v.replace('\r', ' ').replace('\n', ' ');
        return line.length() > MAX_PASSED_VALUE ? line.substring(0, MAX_PASSED_VALUE) : line;
    }

    /** The first value of a header, or {@code null}. */
    static String value(Message message, String name) {
        Header h = message.getHeader(name);
        return h == null ? null : value(h);
    }

    static String value(Header h) {
        return value(h, new StringBuilder(64));
    }

    /**
     * {@link #value(Header)}, the header encoded into {@code buffer} (emptied first): the body alone, as what follows
     * the name's colon, trimmed.
     */
    static String value(Header h, StringBuilder buffer) {
        CharSequence text;
        if (h instanceof gov.nist.javax.sip.header.SIPHeader s) {
            buffer.setLength(0);
            text = s.encode(buffer); // name, ": ", body, CRLF
        } else {
            text = h.toString();
        }
        int start = 0;
        while (start < text.length() && text.charAt(start) != ':') {
            start++;
        }
        start = start < text.length() ? start + 1 : 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return text.subSequence(start, end).toString();
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

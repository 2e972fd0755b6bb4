package org.switchboard.sip.internal;

import java.nio.charset.StandardCharsets;

/** The header part of a SIP URI ({@code ?name=value&...}, RFC 3261 section 19.1.1 and its hvalue grammar). */
final class UriHeaders {

    private static final String KEPT = "[]/?:+$-_.!~*'()";

    private UriHeaders() {}

    /** {@code value} as an hvalue: letters, digits and the unreserved and hnv-unreserved marks kept, all else %XX. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 16);
        for (byte octet : value.getBytes(StandardCharsets.UTF_8)) {
            int c = octet & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || KEPT.indexOf(c) >= 0)) {
                b.append((char) c);
            } else {
                b.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}

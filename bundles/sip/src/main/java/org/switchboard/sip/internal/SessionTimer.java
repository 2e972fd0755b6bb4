package org.switchboard.sip.internal;

import java.util.Locale;
import javax.sip.message.Request;

/**
 * An RFC 4028 session interval negotiated from a request: how long the session lives without a refresh and who
 * refreshes it.
 *
 * @param seconds the session interval
 * @param refresher {@code uac} (the peer refreshes) or {@code uas} (Switchboard refreshes)
 * @param peerSupportsTimer whether the peer listed {@code timer} in Supported (then the answer Requires it)
 */
record SessionTimer(int seconds, String refresher, boolean peerSupportsTimer) {

    /** 422 Session Interval Too Small. */
    static final int TOO_SMALL_STATUS = 422;

    /** Thrown when the requested interval is below the configured Min-SE (answered 422). */
    static final class TooSmall extends Exception {
        private static final long serialVersionUID = 1L;

        TooSmall(int requested, int minSe) {
            super("Session-Expires " + requested + " is below Min-SE " + minSe);
        }
    }

    /**
     * The interval a request asks for, or {@code null} when it asks for none (the session timer is then off).
     *
     * @throws TooSmall when the interval is below {@code minSe}
     * @throws IllegalArgumentException when the header cannot be read
     */
    static SessionTimer from(Request request, int minSe) throws TooSmall {
        String value = SipMessages.value(request, "Session-Expires");
        if (value == null) {
            value = SipMessages.value(request, "x");
        }
        if (value == null) {
            return null;
        }
        String[] parts = value.split(";");
        int seconds;
        try {
            seconds = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Session-Expires '" + value + "' is not a number of seconds");
        }
        if (seconds < minSe) {
            throw new TooSmall(seconds, minSe);
        }
        String refresher = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("refresher")) {
                refresher = kv[1].trim().toLowerCase(Locale.ROOT);
            }
        }
        boolean supported =
                SipMessages.lists(request, "Supported", "timer") || SipMessages.lists(request, "k", "timer");
        if (!"uac".equals(refresher) && !"uas".equals(refresher)) {
            refresher = supported ? "uac" : "uas";
        } else if (!supported) {
            refresher = "uas"; // a UAC without timer support cannot refresh (RFC 4028 section 9)
        }
        return new SessionTimer(seconds, refresher, supported);
    }

    /** The header value for the answer. */
    String headerValue() {
        return seconds + ";refresher=" + refresher;
    }

    /** When Switchboard acts, in ms after a refresh: refresh at half the interval, or BYE shortly before expiry. */
    long delayMs() {
        if (refresher.equals("uas")) {
            return seconds * 500L;
        }
        return (seconds - Math.min(32, seconds / 3)) * 1000L;
    }
}

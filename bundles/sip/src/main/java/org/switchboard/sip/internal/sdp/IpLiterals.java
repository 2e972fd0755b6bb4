package org.switchboard.sip.internal.sdp;

/**
 * Whether a text is an IP address written out, never a name: addresses taken from messages of untrusted peers (an
 * SDP {@code c=} line) and from configuration are checked with this, so no DNS look-up is ever made for them.
 */
public final class IpLiterals {

    private IpLiterals() {}

    /** A dotted-quad IPv4 address. */
    public static boolean isIp4(String s) {
        if (s == null || !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String part : s.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 address (hexadecimal groups, {@code ::}, an IPv4 tail), as far as its characters go. */
    public static boolean isIp6(String s) {
        return s != null && s.length() <= 45 && s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    }

    public static boolean isIp(String s) {
        return isIp4(s) || isIp6(s);
    }
}

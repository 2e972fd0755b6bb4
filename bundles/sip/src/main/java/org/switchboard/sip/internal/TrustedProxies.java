package org.switchboard.sip.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;

import org.switchboard.sip.internal.sdp.IpLiterals;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * The SIP proxies (Kamailio in front of a cluster) whose word is taken for where a request really came from. Such a
 * proxy puts the address it received the request from in {@value #HEADER} (after removing any copy the sender put
 * there); a request that arrives from a trusted proxy is routed and allow-listed by that address. The header is
 * ignored on a request from anyone else, so nobody can claim another source by sending it. A trusted proxy may also
 * open connections and send OPTIONS like a trunk's peer.
 */
final class TrustedProxies {

    /** The header a trusted proxy puts the real source in: an IP address, optionally with a port. */
    static final String HEADER = "X-Switchboard-Source";

    /** A network: its address bytes and prefix length. */
    private record Net(byte[] address, int prefix) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((b[full] ^ address[full]) & (0xff << (8 - rest)) & 0xff) == 0;
        }
    }

    static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Net> nets;

    private TrustedProxies(List<Net> nets) {
        this.nets = nets;
    }

    /**
     * Reads {@code trusted.proxies}: IP addresses or CIDR networks (no names, which would need DNS); each bad entry
     * is added to {@code errors} with the reason.
     */
    static TrustedProxies parse(String[] entries, List<String> errors, String pid) {
        List<Net> nets = new ArrayList<>();
        for (String raw : entries == null ? new String[0] : entries) {
            for (String entry : raw.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                String[] parts = e.split("/", 2);
                if (!IpLiterals.isIp(parts[0])) {
                    errors.add("PID " + pid + ": property 'trusted.proxies' entry '" + e.replaceAll("\\p{Cntrl}", "?")
                            + "': must be an IP address or network (a.b.c.d/n), not a host name");
                    continue;
                }
                try {
                    byte[] address = InetAddress.getByName(parts[0]).getAddress();
                    int prefix = parts.length == 1 ? address.length * 8 : Integer.parseInt(parts[1]);
                    if (prefix < 0 || prefix > address.length * 8) {
                        throw new NumberFormatException();
                    }
                    nets.add(new Net(address, prefix));
                } catch (UnknownHostException | NumberFormatException ex) {
                    errors.add("PID " + pid + ": property 'trusted.proxies' entry '" + e + "': not a valid address or "
                            + "prefix length");
                }
            }
        }
        return nets.isEmpty() ? NONE : new TrustedProxies(List.copyOf(nets));
    }

    boolean isEmpty() {
        return nets.isEmpty();
    }

    /** Whether {@code a} is a trusted proxy. */
    boolean contains(InetAddress a) {
        if (a == null) {
            return false;
        }
        for (Net n : nets) {
            if (n.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a request came from: the address in {@value #HEADER} when it arrived from a trusted proxy that set it to
     * an IP address, else the address it arrived from.
     */
    String source(SIPMessage m) {
        InetAddress from = m.getRemoteAddress();
        String direct = from == null ? null : from.getHostAddress();
        if (nets.isEmpty() || !contains(from)) {
            return direct;
        }
        String claimed = claimed(m);
        return claimed == null ? direct : claimed;
    }

    /** The IP address in the header (port and IPv6 brackets removed), or null when missing or not an address. */
    static String claimed(SIPMessage m) {
        Header h = m.getHeader(HEADER);
        if (!(h instanceof ExtensionHeader x) || x.getValue() == null) {
            return null;
        }
        String v = x.getValue().trim();
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            v = end > 0 ? v.substring(1, end) : "";
        } else if (v.indexOf(':') == v.lastIndexOf(':') && v.indexOf(':') > 0) {
            v = v.substring(0, v.indexOf(':'));
        }
        if (!IpLiterals.isIp(v)) {
            return null;
        }
        try {
            return InetAddress.getByName(v).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

package org.switchboard.flow.internal.workspace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block, e.g. {@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a /32 or /128.
 * Only literal addresses are accepted: host names are peers of their own kind (FQDN), resolved separately.
 */
public record Cidr(byte[] network, int prefix, String text) {

    private static final Pattern IP4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IP6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Parses a block; throws {@link IllegalArgumentException} with the reason. */
    public static Cidr parse(String text) {
        String s = text == null ? "" : text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (!isLiteral(address)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0-" + max);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, s);
    }

    /** The address {@code text} names when it is an IP literal; never a DNS look-up. */
    public static java.util.Optional<InetAddress> literal(String text) {
        if (text == null || !isLiteral(text.trim())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(text.trim()));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isLiteral(String a) {
        if (IP4.matcher(a).matches()) {
            return Arrays.stream(a.split("\\.")).allMatch(p -> Integer.parseInt(p) <= 255);
        }
        return a.contains(":") && IP6_CHARS.matcher(a).matches();
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] m = bytes.clone();
        for (int i = 0; i < m.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            m[i] &= (byte) (0xFF << (8 - bits));
        }
        return m;
    }

    /** Whether {@code address} lies in this block (an IPv4-mapped IPv6 address counts as IPv4). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        return a.length == network.length && Arrays.equals(mask(a, prefix), network);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}

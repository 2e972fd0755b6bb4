package org.switchboard.sip.internal.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An SDP offer (RFC 4566) as far as answering needs it: the session connection address and every media section
 * with its payload types, rtpmap/fmtp attributes and direction. Parsing is strict about the lines that matter and
 * says exactly what is wrong, because the reason goes back to the peer in a 488's Warning header.
 */
public record SdpOffer(String connection, List<Media> media) {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** One {@code m=} section; {@code crypto} holds its {@code a=crypto:} values in order. */
    public record Media(
            String type,
            int port,
            String protocol,
            List<Integer> formats,
            Map<Integer, String> rtpmap,
            Map<Integer, String> fmtp,
            String connection,
            String direction,
            Integer ptime,
            List<String> crypto) {}

    /** Thrown for an offer that cannot be answered; the message is the reason. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        public Rejected(String reason) {
            super(reason);
        }
    }

    public static SdpOffer parse(String body) throws Rejected {
        if (body == null || body.isBlank()) {
            throw new Rejected("no SDP offer");
        }
        String[] lines = lines(body);
        String connection = null;
        String sessionDirection = "sendrecv";
        List<Media> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean sawVersion = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new Rejected("SDP line " + (i + 1) + " is not <type>=<value>: '" + abbreviate(line) + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2).trim();
            if (!sawVersion) {
                if (type != 'v' || !value.equals("0")) {
                    throw new Rejected("SDP must start with v=0");
                }
                sawVersion = true;
                continue;
            }
            switch (type) {
                case 'c' -> {
                    String address = parseConnection(value, i + 1);
                    if (current == null) {
                        connection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build(sessionDirection));
                    }
                    current = MediaBuilder.parse(value, i + 1);
                }
                case 'a' -> {
                    if (current == null) {
                        if (isDirection(value)) {
                            sessionDirection = value;
                        }
                    } else {
                        current.attribute(value, i + 1);
                    }
                }
                default -> {
                    // o=, s=, t=, b=, i=, ... are not needed to answer
                }
            }
        }
        if (current != null) {
            media.add(current.build(sessionDirection));
        }
        if (media.isEmpty()) {
            throw new Rejected("the SDP offer has no media (m=) line");
        }
        return new SdpOffer(connection, media);
    }

    /** The body's lines as {@code split("\r?\n")} gives them (a trailing CR dropped, trailing empty lines too). */
    static String[] lines(String body) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int nl = body.indexOf('\n', start);
            int end = nl < 0 ? body.length() : nl;
            out.add(body.substring(start, nl >= 0 && end > start && body.charAt(end - 1) == '\r' ? end - 1 : end));
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        int n = out.size();
        while (n > 0 && out.get(n - 1).isEmpty()) {
            n--;
        }
        return out.subList(0, n).toArray(String[]::new);
    }

    private static String parseConnection(String value, int line) throws Rejected {
        String[] p = SPACES.split(value);
        if (p.length != 3 || !p[0].equals("IN") || !(p[1].equals("IP4") || p[1].equals("IP6"))) {
            throw new Rejected("SDP line " + line + ": c= must be 'IN IP4 <address>' or 'IN IP6 <address>'");
        }
        String address = p[2].contains("/") ? p[2].substring(0, p[2].indexOf('/')) : p[2];
        if (p[1].equals("IP4") ? !IpLiterals.isIp4(address) : !IpLiterals.isIp6(address)) {
            throw new Rejected("SDP line " + line + ": c= address '" + abbreviate(address) + "' is not an " + p[1]
                    + " address (host names are not resolved)");
        }
        return address;
    }

    static boolean isDirection(String a) {
        return a.equals("sendrecv") || a.equals("sendonly") || a.equals("recvonly") || a.equals("inactive");
    }

    /** At most 40 characters of {@code s}, for a reason sent back to the peer. */
    static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    private static final class MediaBuilder {
        String type;
        int port;
        String protocol;
        List<Integer> formats = new ArrayList<>();
        Map<Integer, String> rtpmap = new LinkedHashMap<>();
        Map<Integer, String> fmtp = new LinkedHashMap<>();
        String connection;
        String direction;
        Integer ptime;
        List<String> crypto = new ArrayList<>();

        static MediaBuilder parse(String value, int line) throws Rejected {
            String[] p = SPACES.split(value);
            if (p.length < 4) {
                throw new Rejected("SDP line " + line + ": m= needs <media> <port> <proto> <formats>");
            }
            MediaBuilder b = new MediaBuilder();
            b.type = p[0];
            try {
                String port = p[1].contains("/") ? p[1].substring(0, p[1].indexOf('/')) : p[1];
                b.port = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new Rejected("SDP line " + line + ": bad port '" + p[1] + "'");
            }
            if (b.port < 0 || b.port > 65535) {
                throw new Rejected("SDP line " + line + ": port " + b.port + " is out of range");
            }
            b.protocol = p[2];
            for (int i = 3; i < p.length; i++) {
                if (p[2].startsWith("RTP/")) {
                    try {
                        int pt = Integer.parseInt(p[i]);
                        if (pt < 0 || pt > 127) {
                            throw new NumberFormatException();
                        }
                        b.formats.add(pt);
                    } catch (NumberFormatException e) {
                        throw new Rejected("SDP line " + line + ": bad RTP payload type '" + p[i] + "'");
                    }
                }
            }
            return b;
        }

        void attribute(String a, int line) throws Rejected {
            if (isDirection(a)) {
                direction = a;
            } else if (a.startsWith("rtpmap:")) {
                String[] p = SPACES.split(a.substring(7), 2);
                if (p.length != 2) {
                    throw new Rejected("SDP line " + line + ": bad rtpmap '" + a + "'");
                }
                rtpmap.put(payload(p[0], line), p[1].trim());
            } else if (a.startsWith("fmtp:")) {
                String[] p = SPACES.split(a.substring(5), 2);
                fmtp.put(payload(p[0], line), p.length == 2 ? p[1].trim() : "");
            } else if (a.startsWith("crypto:")) {
                crypto.add(a.substring(7));
            } else if (a.startsWith("ptime:")) {
                try {
                    ptime = Integer.parseInt(a.substring(6).trim());
                } catch (NumberFormatException e) {
                    throw new Rejected("SDP line " + line + ": bad ptime '" + a + "'");
                }
            }
        }

        private static int payload(String s, int line) throws Rejected {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new Rejected("SDP line " + line + ": bad payload type '" + s + "'");
            }
        }

        Media build(String sessionDirection) {
            return new Media(
                    type,
                    port,
                    protocol,
                    List.copyOf(formats),
                    Map.copyOf(rtpmap),
                    Map.copyOf(fmtp),
                    connection,
                    direction == null ? sessionDirection : direction,
                    ptime,
                    List.copyOf(crypto));
        }
    }
}

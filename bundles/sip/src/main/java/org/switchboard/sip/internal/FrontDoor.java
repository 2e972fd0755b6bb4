package org.switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * The syntax gate every received SIP message passes before the JAIN-SIP RI sees it (see {@link GuardedParser}). The
 * RI is lenient in some places (it keeps going past a malformed header it does not need, accepts several From
 * values, any spacing in the Request-Line, headers in the Request-URI) and inconsistent across transports in others
 * (over TCP it ignores a message it cannot parse and answers nothing; over UDP it answers 400 with its exception text
 * as the reason phrase; it drops a request missing From, To or Call-ID without an answer). This class decides the
 * same way on every transport, after RFC 3261 §7 and §8.2 and RFC 4475:
 * <ul>
 * <li>larger than the configured size: 513; more header fields than the configured count: 400;</li>
 * <li>a Request-Line that is not exactly {@code Method SP Request-URI SP SIP-Version}: 400; another SIP version: 505;
 *     headers in a SIP Request-URI: 400;</li>
 * <li>a malformed header the call depends on (Via, From, To, Call-ID, CSeq, Content-Length, Max-Forwards, Contact,
 *     Content-Type): 400 naming it; a malformed header of any other kind is kept unparsed and ignored;</li>
 * <li>Via, From, To, Call-ID or CSeq missing, one of the single-valued headers given twice, or a CSeq method other
 *     than the request's, or a Via branch that is the RFC 3261 magic cookie alone: 400.</li>
 * </ul>
 * A response that fails any of these is dropped: nothing can be answered to a response.
 */
final class FrontDoor {

    /** Headers whose failure to parse rejects the message (the rest are kept unparsed and ignored). */
    private static final Set<Class<?>> VITAL = Set.of(
            From.class,
            To.class,
            CSeq.class,
            Via.class,
            CallID.class,
            ContentLength.class,
            MaxForwards.class,
            Contact.class,
            ContentType.class,
            RequestLine.class,
            StatusLine.class);

    /** Single-valued headers by lower-case long and compact name (RFC 3261 §7.3.1, §20). */
    private static final Map<String, String> SINGLE = singles();

    private static final StringMsgParser PARSER = new StringMsgParser();
    private static final java.util.regex.Pattern TOKENS =
            java.util.regex.Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+(\\s+[A-Za-z0-9.!%*_+`'~-]+)*");

    private final int maxSize;
    private final int maxHeaders;

    FrontDoor(int maxSize, int maxHeaders) {
        this.maxSize = maxSize;
        this.maxHeaders = maxHeaders;
    }

    /** What was decided about one message: accepted (with the parsed message), rejected with a status, or dropped. */
    record Verdict(SIPMessage message, int status, String reason) {
        static Verdict accept(SIPMessage m) {
            return new Verdict(m, 0, null);
        }

        boolean accepted() {
            return message != null;
        }

        /** True when a response should be sent (a request that failed); false for an accepted or dropped message. */
        boolean answer() {
            return message == null && status > 0;
        }
    }

    /**
     * Inspects one framed message: over UDP the whole datagram, over a stream the start line and headers (the
     * framer reads the body by Content-Length afterwards).
     */
    Verdict inspect(byte[] raw, boolean readBody) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        boolean response = text.startsWith("SIP/");
        RawMessage fields = RawMessage.of(text);
        Verdict v = precheck(raw.length, fields, response);
        if (v == null && readBody) {
            v = bodyLength(text, fields.contentLength());
        }
        if (v == null) {
            v = parse(raw, readBody, text, response);
        }
        if (response && !v.accepted()) {
            return new Verdict(null, 0, v.reason());
        }
        return v;
    }

    private Verdict precheck(int length, RawMessage raw, boolean response) {
        if (length > maxSize) {
            return reject(513, "Message Too Large: " + length + " bytes, at most " + maxSize);
        }
        if (raw.headerCount() > maxHeaders) {
            return reject(400, "Too many header fields: " + raw.headerCount() + ", at most " + maxHeaders);
        }
        if (!response) {
            Verdict line = requestLine(raw.startLine());
            if (line != null) {
                return line;
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : raw.names()) {
            String canonical = SINGLE.get(name.toLowerCase(Locale.ROOT));
            if (canonical != null) {
                counts.merge(canonical, 1, Integer::sum);
            }
        }
        for (String[] names : new String[][] {{"From", "f"}, {"To", "t"}}) {
            for (String field : raw.fields(names[0], names[1])) {
                String problem =
                        nameAddr(field.substring(field.indexOf(':') + 1).strip());
                if (problem != null) {
                    return reject(400, "Malformed " + names[0] + " header field: " + problem);
                }
            }
        }
        List<String> repeated = new ArrayList<>();
        counts.forEach((name, n) -> {
            if (n > 1) {
                repeated.add(name);
            }
        });
        if (!repeated.isEmpty()) {
            return reject(400, "More than one " + String.join(", ", repeated) + " header field");
        }
        return null;
    }

    /**
     * The name-addr rules the RI does not enforce (RFC 3261 25.1): a display name is tokens or one quoted string,
     * and nothing but the address goes between the angle brackets. Returns what is wrong, or null.
     */
    static String nameAddr(String value) {
        int from = 0;
        if (value.startsWith("\"")) {
            int i = 1;
            while (i < value.length() && value.charAt(i) != '"') {
                i += value.charAt(i) == '\\' ? 2 : 1;
            }
            from = i + 1;
        }
        int lt = value.indexOf('<', Math.min(from, value.length()));
        if (lt < 0) {
            return null;
        }
        String display = value.substring(from, lt).strip();
        if (from == 0 && !display.isEmpty() && !TOKENS.matcher(display).matches()) {
            return "a display name with other characters than a token's must be quoted";
        }
        if (from > 0 && !display.isEmpty()) {
            return "text between the quoted display name and <";
        }
        int gt = value.indexOf('>', lt);
        if (gt < 0) {
            return "no > after <";
        }
        if (gt == lt + 1
                || Character.isWhitespace(value.charAt(lt + 1))
                || Character.isWhitespace(value.charAt(gt - 1))) {
            return "spaces or nothing between < and >";
        }
        return null;
    }

    /** A sip or sips URI whose host part has more than one colon outside brackets: an IPv6 address without []. */
    static boolean unbracketedIpv6(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        if (colon < 0 || !(lower.startsWith("sip:") || lower.startsWith("sips:"))) {
            return false;
        }
        String rest = uri.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        String hostport = rest.substring(at + 1).split("[;?]", 2)[0];
        return !hostport.startsWith("[") && hostport.indexOf(':') != hostport.lastIndexOf(':');
    }

    /** A datagram holds the whole message: a Content-Length beyond its end is an error (RFC 3261 18.3). */
    private static Verdict bodyLength(String text, int declared) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || declared < 0) {
            return null;
        }
        int body = text.length() - end - 4;
        return declared > body
                ? reject(400, "Content-Length " + declared + " is larger than the body (" + body + " bytes)")
                : null;
    }

    private static Verdict requestLine(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return reject(400, "Request-Line must be Method SP Request-URI SP SIP-Version, with single spaces");
        }
        if (!parts[2].startsWith("SIP/")) {
            return reject(400, "Request-Line must end with the SIP version");
        }
        if (!parts[2].equals("SIP/2.0")) {
            return reject(505, "Version Not Supported: " + printable(parts[2]));
        }
        if (unbracketedIpv6(parts[1])) {
            return reject(400, "An IPv6 address in the Request-URI must be in brackets (RFC 5118 4.2)");
        }
        return null;
    }

    private Verdict parse(byte[] raw, boolean readBody, String text, boolean response) {
        Failure failure = new Failure();
        SIPMessage message;
        try {
            message = PARSER.parseSIPMessage(raw, readBody, false, failure);
        } catch (ParseException | RuntimeException e) {
            return reject(
                    400,
                    failure.header != null
                            ? "Malformed " + failure.header + " header field"
                            : (response ? "Malformed Status-Line" : "Malformed Request-Line or header field"));
        }
        if (message == null) {
            return reject(400, "Not a SIP message");
        }
        if (failure.header != null) {
            return reject(400, "Malformed " + failure.header + " header field");
        }
        List<String> missing = new ArrayList<>();
        if (message.getTopmostVia() == null) {
            missing.add("Via");
        }
        if (message.getFrom() == null) {
            missing.add("From");
        }
        if (message.getTo() == null) {
            missing.add("To");
        }
        if (message.getCallId() == null) {
            missing.add("Call-ID");
        }
        if (message.getCSeq() == null) {
            missing.add("CSeq");
        }
        if (!missing.isEmpty()) {
            return reject(400, "Missing header field" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        if (message instanceof SIPRequest request) {
            String branch = request.getTopmostVia().getBranch();
            if (branch != null && branch.equalsIgnoreCase("z9hG4bK")) {
                return reject(400, "Via branch is the magic cookie alone: no transaction identifier");
            }
            if (!request.getMethod().equals(request.getCSeq().getMethod())) {
                return reject(
                        400,
                        "CSeq method " + printable(request.getCSeq().getMethod())
                                + " does not match the request method " + printable(request.getMethod()));
            }
            if (request.getRequestURI() instanceof javax.sip.address.SipURI uri
                    && uri.getHeaderNames().hasNext()) {
                return reject(400, "Request-URI must not contain headers (RFC 3261 19.1.5)");
            }
            if (Request.INVITE.equals(request.getMethod()) && request.getHeader(Contact.NAME) == null) {
                return reject(400, "Missing header field Contact: an INVITE needs one (RFC 3261 8.1.1.8)");
            }
            if (request.getMaxForwards() == null) {
                request.setHeader(maxForwards70()); // RFC 2543 peers send none (RFC 4475 3.4.1)
            }
        }
        return Verdict.accept(message);
    }

    private static MaxForwards maxForwards70() {
        try {
            return new MaxForwards(70);
        } catch (javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Verdict reject(int status, String reason) {
        return new Verdict(null, status, reason);
    }

    /** Keeps caller-supplied text printable and short before it goes into a Warning header or a log line. */
    static String printable(String s) {
        return printable(s, 60);
    }

    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return b.toString();
    }

    /** Records the first vital header that failed; other malformed headers are kept unparsed (ignored). */
    private static final class Failure implements ParseExceptionListener {
        String header;

        @Override
        public void handleException(
                ParseException ex, SIPMessage message, Class headerClass, String headerText, String messageText)
                throws ParseException {
            if (headerClass != null && VITAL.contains(headerClass)) {
                if (header == null) {
                    header = headerName(headerClass, headerText);
                }
                throw ex;
            }
            message.addUnparsed(headerText);
        }

        private static String headerName(Class<?> headerClass, String text) {
            if (headerClass == RequestLine.class) {
                return "Request-Line";
            }
            if (headerClass == StatusLine.class) {
                return "Status-Line";
            }
            int colon = text == null ? -1 : text.indexOf(':');
            String name = colon > 0 ? text.substring(0, colon).trim() : headerClass.getSimpleName();
            String canonical = SINGLE.get(name.toLowerCase(Locale.ROOT));
            return printable(
                    canonical != null
                            ? canonical
                            : name.equalsIgnoreCase("v") ? "Via" : name.equalsIgnoreCase("m") ? "Contact" : name);
        }
    }

    private static Map<String, String> singles() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] pair : new String[][] {
            {"from", "f"},
            {"to", "t"},
            {"call-id", "i"},
            {"cseq", null},
            {"content-length", "l"},
            {"content-type", "c"},
            {"max-forwards", null}
        }) {
            String canonical = canonical(pair[0]);
            m.put(pair[0], canonical);
            if (pair[1] != null) {
                m.put(pair[1], canonical);
            }
        }
        return Map.copyOf(m);
    }

    private static String canonical(String lower) {
        return switch (lower) {
            case "call-id" -> "Call-ID";
            case "cseq" -> "CSeq";
            default -> {
                StringBuilder b = new StringBuilder();
                for (String part : lower.split("-")) {
                    b.append(b.length() > 0 ? "-" : "")
                            .append(Character.toUpperCase(part.charAt(0)))
                            .append(part.substring(1));
                }
                yield b.toString();
            }
        };
    }
}

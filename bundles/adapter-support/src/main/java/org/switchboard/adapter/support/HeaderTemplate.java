package org.switchboard.adapter.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.switchboard.api.call.SessionContext;

/**
 * A header value with placeholders over the session: {@code {{session.id}}}, {@code {{session.callId}}},
 * {@code {{session.botId}}}, {@code {{session.did}}}, {@code {{session.caller}}}, {@code {{session.trunkId}}},
 * {@code {{context.<variable>}}} and {@code {{sip.<Header-Name>}}} (an INVITE header passed to the session, its name
 * matched ignoring case). A missing value renders empty. Rendered values never contain CR or LF (they are
 * replaced by spaces) and are cut to a byte limit on a character boundary.
 */
public final class HeaderTemplate {

    private static final List<String> SESSION_FIELDS = List.of("id", "callId", "botId", "did", "caller", "trunkId");

    private final String source;
    private final List<String> literals = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    private HeaderTemplate(String source) {
        this.source = source;
    }

    /** Parses a template; throws {@link IllegalArgumentException} saying what is wrong. */
    public static HeaderTemplate parse(String source) {
        Objects.requireNonNull(source, "template");
        if (source.indexOf('\r') >= 0 || source.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value must not contain CR or LF");
        }
        HeaderTemplate t = new HeaderTemplate(source);
        int at = 0;
        while (true) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                t.literals.add(source.substring(at));
                return t;
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{{' at position " + open + " in '" + source + "'");
            }
            String path = source.substring(open + 2, close).trim();
            checkPath(path);
            t.literals.add(source.substring(at, open));
            t.paths.add(path);
            at = close + 2;
        }
    }

    private static void checkPath(String path) {
        if (path.startsWith("session.") && SESSION_FIELDS.contains(path.substring(8))) {
            return;
        }
        if (path.startsWith("context.") && path.substring(8).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return;
        }
        if (path.startsWith("sip.") && path.substring(4).matches("[A-Za-z0-9!%'`~+._-]+")) {
            return;
        }
        throw new IllegalArgumentException(
                "unknown placeholder '{{" + path + "}}'; use {{session." + String.join("}}, {{session.", SESSION_FIELDS)
                        + "}}, {{context.<variable>}} or {{sip.<Header-Name>}}");
    }

    /** The rendered value: at most {@code maxBytes} UTF-8 bytes, one line. */
    public String render(SessionContext session, int maxBytes) {
        StringBuilder b = new StringBuilder(literals.get(0));
        for (int i = 0; i < paths.size(); i++) {
            b.append(value(session, paths.get(i))).append(literals.get(i + 1));
        }
        return truncate(b.toString().replace('\r', ' ').replace('\n', ' '), maxBytes);
    }

    private static String value(SessionContext s, String path) {
        Object v = switch (path) {
            case "session.id" -> s.sessionId();
            case "session.callId" -> s.callId();
            case "session.botId" -> s.botId();
            case "session.did" -> s.did();
            case "session.caller" -> s.caller();
            case "session.trunkId" -> s.trunkId();
            default ->
                path.startsWith("sip.")
                        ? s.sipHeader(path.substring(4))
                        : s.variables().get(path.substring("context.".length()));
        };
        return v == null ? "" : String.valueOf(v);
    }

    /** {@code s} cut to at most {@code maxBytes} UTF-8 bytes on a character boundary. */
    public static String truncate(String s, int maxBytes) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return source;
    }
}

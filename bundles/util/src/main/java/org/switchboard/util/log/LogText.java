package org.switchboard.util.log;

/**
 * A value a peer or client chose (a Call-ID, a user name, a header, a path) made safe for a log line: every control
 * character (CR and LF included, so no line can be forged; ESC, BEL, NUL, so no terminal is steered) is written as
 * {@code \xNN}, and the text is cut at {@value #MAX} characters.
 */
public final class LogText {

    /** The most characters of a value that are logged. */
    public static final int MAX = 300;

    private LogText() {}

    /** {@code s} escaped and bounded; {@code "null"} for {@code null}. */
    public static String escape(CharSequence s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = null;
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && b == null) {
                b = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(c < 0x100 ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        String out = b == null ? s.subSequence(0, n).toString() : b.toString();
        return s.length() > MAX ? out + "..." : out;
    }
}

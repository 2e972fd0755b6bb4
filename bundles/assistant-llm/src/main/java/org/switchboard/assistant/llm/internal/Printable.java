package org.switchboard.assistant.llm.internal;

/** Text from a peer in a log line: control characters escaped, at most 300 characters. */
final class Printable {

    private Printable() {}

    static String of(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (b.length() >= 300) {
                return b.append("...").toString();
            }
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}

package org.switchboard.sip.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The SIP torture corpora in the repository's {@code conformance/} folder (RFC 4475 byte for byte, RFC 5118 with
 * its bare LF line ends) and the outcome table {@code conformance/outcomes.tsv} every conformance test asserts.
 */
public final class Corpus {

    /** One message and what Switchboard must do with it over UDP and over TCP. */
    public record Case(String file, byte[] bytes, String udp, String tcp, String why) {

        /**
         * The message with a suffix on every RFC 3261 branch (badbranch.dat's, whose torture is its branch, is kept)
         * and on its Call-ID. The corpus reuses branch values across files and the RI matches a server transaction
         * by branch alone (RFC 2543 requests by Call-ID and CSeq): without it a file, or the same file sent again
         * over another transport, would be taken for a retransmission of an earlier one.
         */
        public byte[] unique(String suffix) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (!file.endsWith("/badbranch.dat")) {
                text = text.replaceAll("(?i)(branch\\s*=\\s*z9hG4bK[^;,\\s]*)", "$1." + suffix);
            }
            return text.replaceAll("(?im)^((?:call-id|i)[ \\t]*:[ \\t]*[^\\s]+)", "$1." + suffix)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private Corpus() {}

    public static Path dir() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("conformance/rfc4475"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "conformance/rfc4475 not found above " + Paths.get("").toAbsolutePath());
        }
        return p.resolve("conformance");
    }

    public static List<Case> cases() {
        try {
            List<Case> cases = new ArrayList<>();
            for (String line : Files.readAllLines(dir().resolve("outcomes.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                byte[] bytes = Files.readAllBytes(dir().resolve(f[0]));
                if (f[0].startsWith("rfc4475/rfc5118/")) {
                    bytes = normalise(bytes);
                }
                cases.add(new Case(f[0], bytes, f[1], f[2], f.length > 3 ? f[3] : ""));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 5118's files: CRLF line ends, the empty line after the headers, a Content-Length that fits the body. */
    public static byte[] normalise(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text.stripTrailing() : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 2).replace("\n", "\r\n");
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        out.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}

package org.switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A digit carried by an INFO with an {@code application/dtmf-relay} body ({@code Signal=5}, {@code Duration=160});
 * the duration defaults to 100 ms.
 */
record DtmfRelay(char digit, int durationMs) {

    private static final Pattern SIGNAL = Pattern.compile("(?im)^\\s*signal\\s*=\\s*([0-9*#a-d])");
    private static final Pattern DURATION = Pattern.compile("(?im)^\\s*duration\\s*=\\s*(\\d{1,6})");

    /** The digit of a dtmf-relay body; empty when it names none. */
    static Optional<DtmfRelay> of(byte[] body) {
        String relay = new String(body, StandardCharsets.UTF_8);
        Matcher signal = SIGNAL.matcher(relay);
        if (!signal.find()) {
            return Optional.empty();
        }
        Matcher duration = DURATION.matcher(relay);
        return Optional.of(
                new DtmfRelay(signal.group(1).charAt(0), duration.find() ? Integer.parseInt(duration.group(1)) : 100));
    }
}

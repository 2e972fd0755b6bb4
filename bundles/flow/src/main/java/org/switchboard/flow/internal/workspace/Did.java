package org.switchboard.flow.internal.workspace;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DIDs in E.164 form: {@code +} and 3 to 15 digits. Matching ignores a leading {@code +}, visual separators
 * (spaces, dots, dashes, parentheses) and SIP URI parameters, so {@code 15550100}, {@code +1 (555) 0100} and
 * {@code +15550100;user=phone} are the same DID.
 */
public final class Did {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()\\-]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{3,15}");

    private Did() {}

    /** The E.164 form of {@code raw}, or empty when it is not a phone number. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.trim();
        int params = s.indexOf(';');
        if (params >= 0) {
            s = s.substring(0, params);
        }
        if (s.startsWith("tel:")) {
            s = s.substring(4);
        }
        s = SEPARATORS.matcher(s).replaceAll("");
        if (s.startsWith("+")) {
            s = s.substring(1);
        } else if (s.startsWith("00")) {
            s = s.substring(2);
        }
        if (!DIGITS.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of("+" + s);
    }
}

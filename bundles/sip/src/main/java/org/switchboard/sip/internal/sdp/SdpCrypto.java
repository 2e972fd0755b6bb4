package org.switchboard.sip.internal.sdp;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.switchboard.api.media.SrtpParameters;

/**
 * SDES crypto attributes (RFC 4568 section 9.1): {@code a=crypto:<tag> <suite> inline:<key||salt>[|lifetime]
 * [session-params]}. An offered line is usable when its suite is one Switchboard speaks, it carries one 30-byte
 * key without an MKI, and its session parameters do not weaken or change the transform; otherwise the reason it is
 * not is kept, for the 488's Warning.
 */
public final class SdpCrypto {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> SUITES =
            Set.of(SrtpParameters.AES_CM_128_HMAC_SHA1_80, SrtpParameters.AES_CM_128_HMAC_SHA1_32);

    /**
     * A usable offered line.
     *
     * @param tag the line's tag, repeated in the answer
     * @param suite the crypto suite
     * @param remoteKey the peer's master key and salt
     */
    public record Usable(String tag, String suite, byte[] remoteKey) {

        @Override
        public String toString() {
            return "crypto " + tag + " " + suite;
        }
    }

    private SdpCrypto() {}

    /** A fresh master key and salt for one call. */
    public static byte[] newKey() {
        byte[] k = new byte[SrtpParameters.MASTER_KEY_AND_SALT_LENGTH];
        RANDOM.nextBytes(k);
        return k;
    }

    /** The first usable line of {@code lines} (in the offer's order of preference), or {@code null}; reasons added. */
    static Usable choose(List<String> lines, List<String> reasons) {
        for (String line : lines) {
            try {
                return parse(line);
            } catch (IllegalArgumentException e) {
                reasons.add(e.getMessage());
            }
        }
        return null;
    }

    /** Parses the value after {@code a=crypto:}; the exception's message says why the line cannot be used. */
    static Usable parse(String value) {
        String[] p = value.trim().split("\\s+");
        if (p.length < 3 || !p[0].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("an a=crypto line is not '<tag> <suite> <key-params>'"); // no key echoed
        }
        String tag = p[0];
        String suite = p[1];
        if (!SUITES.contains(suite)) {
            throw new IllegalArgumentException("crypto " + tag + ": suite " + SdpOffer.abbreviate(suite)
                    + " is not supported (Switchboard answers AES_CM_128_HMAC_SHA1_80 or AES_CM_128_HMAC_SHA1_32)");
        }
        if (p[2].contains(";")) {
            throw new IllegalArgumentException("crypto " + tag + ": several keys in one line are not supported");
        }
        if (!p[2].startsWith("inline:")) {
            throw new IllegalArgumentException("crypto " + tag + ": the key must be 'inline:'");
        }
        String[] key = p[2].substring(7).split("\\|");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("crypto " + tag + ": the key is not base64");
        }
        if (bytes.length != SrtpParameters.MASTER_KEY_AND_SALT_LENGTH) {
            throw new IllegalArgumentException("crypto " + tag + ": the key and salt are " + bytes.length
                    + " bytes, not " + SrtpParameters.MASTER_KEY_AND_SALT_LENGTH);
        }
        for (int i = 1; i < key.length; i++) {
            if (key[i].contains(":")) {
                throw new IllegalArgumentException("crypto " + tag + ": an MKI is not supported");
            }
            if (!key[i].matches("2\\^[0-9]{1,2}|[0-9]{1,15}")) {
                throw new IllegalArgumentException(
                        "crypto " + tag + ": bad key lifetime '" + SdpOffer.abbreviate(key[i]) + "'");
            }
        }
        for (int i = 3; i < p.length; i++) {
            String s = p[i];
            if (!s.startsWith("WSH=") && !s.equals("UNENCRYPTED_SRTCP") && !s.equals("KDR=0")) {
                throw new IllegalArgumentException(
                        "crypto " + tag + ": session parameter " + SdpOffer.abbreviate(s) + " is not supported");
            }
        }
        return new Usable(tag, suite, bytes);
    }

    /** The answer's attribute value for the chosen line and Switchboard's key. */
    static String answer(Usable chosen, byte[] localKey) {
        return "crypto:" + chosen.tag() + " " + chosen.suite() + " inline:"
                + Base64.getEncoder().encodeToString(localKey);
    }
}

package org.switchboard.api.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP keys negotiated for a call with SDES (RFC 4568): one crypto suite for both directions, Switchboard's
 * master key and salt (what it sends with) and the peer's (what it receives with). Key material is copied in and
 * out and never appears in {@link #toString()}.
 *
 * @since 1.2
 */
public final class SrtpParameters {

    /** AES in counter mode with a 128-bit key, HMAC-SHA1 authentication truncated to 80 bits (RFC 4568). */
    public static final String AES_CM_128_HMAC_SHA1_80 = "AES_CM_128_HMAC_SHA1_80";

    /** AES in counter mode with a 128-bit key, HMAC-SHA1 authentication truncated to 32 bits (RFC 4568). */
    public static final String AES_CM_128_HMAC_SHA1_32 = "AES_CM_128_HMAC_SHA1_32";

    /** Master key (16 bytes) plus master salt (14 bytes): the length of one SDES {@code inline:} key. */
    public static final int MASTER_KEY_AND_SALT_LENGTH = 30;

    private final String suite;
    private final byte[] localKey;
    private final byte[] remoteKey;

    /**
     * @param suite {@link #AES_CM_128_HMAC_SHA1_80} or {@link #AES_CM_128_HMAC_SHA1_32}
     * @param localKey Switchboard's master key followed by its master salt (30 bytes)
     * @param remoteKey the peer's master key followed by its master salt (30 bytes)
     * @throws IllegalArgumentException for another suite or a key of the wrong length
     */
    public SrtpParameters(String suite, byte[] localKey, byte[] remoteKey) {
        if (!AES_CM_128_HMAC_SHA1_80.equals(suite) && !AES_CM_128_HMAC_SHA1_32.equals(suite)) {
            throw new IllegalArgumentException("unsupported SRTP crypto suite " + suite);
        }
        if (localKey == null
                || localKey.length != MASTER_KEY_AND_SALT_LENGTH
                || remoteKey == null
                || remoteKey.length != MASTER_KEY_AND_SALT_LENGTH) {
            throw new IllegalArgumentException(
                    "SRTP master key and salt must be " + MASTER_KEY_AND_SALT_LENGTH + " bytes");
        }
        this.suite = suite;
        this.localKey = localKey.clone();
        this.remoteKey = remoteKey.clone();
    }

    /** The crypto suite's name as in SDP. */
    public String suite() {
        return suite;
    }

    /** A copy of Switchboard's master key and salt. */
    public byte[] localKey() {
        return localKey.clone();
    }

    /** A copy of the peer's master key and salt. */
    public byte[] remoteKey() {
        return remoteKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpParameters p
                && suite.equals(p.suite)
                && Arrays.equals(localKey, p.localKey)
                && Arrays.equals(remoteKey, p.remoteKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, Arrays.hashCode(localKey), Arrays.hashCode(remoteKey));
    }

    /** The suite only: keys are secrets. */
    @Override
    public String toString() {
        return "SrtpParameters[" + suite + "]";
    }
}

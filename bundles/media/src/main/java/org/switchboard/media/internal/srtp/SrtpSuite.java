package org.switchboard.media.internal.srtp;

import org.switchboard.api.media.SrtpParameters;

/** The SDES crypto suites Switchboard speaks: AES-CM with a 128-bit key and HMAC-SHA1 cut to 80 or 32 bits. */
public enum SrtpSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    /** The longest authentication tag any suite appends. */
    public static final int MAX_TAG = 10;

    private final int tagLength;

    SrtpSuite(int tagLength) {
        this.tagLength = tagLength;
    }

    /** Bytes of authentication tag appended to each SRTP packet. */
    public int tagLength() {
        return tagLength;
    }

    /** The suite named as in SDP. */
    public static SrtpSuite of(String name) {
        return switch (name) {
            case SrtpParameters.AES_CM_128_HMAC_SHA1_80 -> AES_CM_128_HMAC_SHA1_80;
            case SrtpParameters.AES_CM_128_HMAC_SHA1_32 -> AES_CM_128_HMAC_SHA1_32;
            default -> throw new IllegalArgumentException("unsupported SRTP crypto suite " + name);
        };
    }
}

package org.switchboard.media.internal.srtp;

/**
 * Protects outgoing RTP packets in place: encrypts the payload and appends the authentication tag. The rollover
 * counter goes up when the sequence number wraps. Used by one thread (the pacer).
 */
public final class SrtpSender extends SrtpStream {

    private long rolloverCounter;
    private int lastSequence = -1;

    /**
     * @param suite the negotiated crypto suite
     * @param masterKeyAndSalt this side's 30-byte SDES key
     */
    public SrtpSender(SrtpSuite suite, byte[] masterKeyAndSalt) {
        super(suite, SessionKeys.derive(masterKeyAndSalt));
    }

    /** A sender with session keys given directly (RFC 3711's keystream vectors start from them). */
    SrtpSender(SrtpSuite suite, SessionKeys keys) {
        super(suite, keys);
    }

    /**
     * Protects the RTP packet of {@code len} bytes at {@code off}; the array needs room for the tag after it.
     *
     * @return the SRTP packet's length
     * @throws IllegalArgumentException when {@code len} bytes are not an RTP packet
     */
    public int protect(byte[] b, int off, int len) {
        int header = headerLength(b, off, len);
        if (header < 0) {
            throw new IllegalArgumentException("not an RTP packet");
        }
        int sequence = sequence(b, off);
        if (lastSequence >= 0 && sequence < lastSequence && lastSequence - sequence > 0x8000) {
            rolloverCounter = (rolloverCounter + 1) & 0xFFFFFFFFL;
        }
        lastSequence = sequence;
        long index = (rolloverCounter << 16) | sequence;
        crypt(ssrc(b, off), index, b, off + header, len - header);
        byte[] mac = mac(b, off, len, rolloverCounter);
        System.arraycopy(mac, 0, b, off + len, suite.tagLength());
        return len + suite.tagLength();
    }

    /** The rollover counter of the last packet protected. */
    public long rolloverCounter() {
        return rolloverCounter;
    }

    /** Starts at another rollover counter, as if that many wraps had happened (for tests). */
    void rolloverCounter(long roc) {
        this.rolloverCounter = roc;
    }
}

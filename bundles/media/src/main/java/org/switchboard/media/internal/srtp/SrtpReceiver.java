package org.switchboard.media.internal.srtp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks and decrypts incoming SRTP packets in place (RFC 3711 section 3.3): estimates each packet's index from its
 * sequence number and the source's rollover counter, refuses replays and packets older than the replay window before
 * spending a MAC on them, authenticates, decrypts, and only then moves the source's state on. State is kept per SSRC
 * (a handful; the oldest is forgotten). Used by one thread (the selector).
 */
public final class SrtpReceiver extends SrtpStream {

    /** How many packets behind the newest one a packet may still be accepted. */
    public static final int REPLAY_WINDOW = 128;

    private static final int MAX_SOURCES = 8;

    /** What became of a packet. */
    public enum Outcome {
        /** Authenticated and decrypted. */
        OK,
        /** Not an SRTP packet: too short for a header and tag. */
        MALFORMED,
        /** The tag did not match: another key, plain RTP, or a forgery. */
        AUTHENTICATION_FAILED,
        /** Already received, or older than the replay window. */
        REPLAYED
    }

    private final Map<Long, Source> sources = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };
    private Outcome last;
    private int length;

    /**
     * @param suite the negotiated crypto suite
     * @param masterKeyAndSalt the peer's 30-byte SDES key
     */
    public SrtpReceiver(SrtpSuite suite, byte[] masterKeyAndSalt) {
        super(suite, SessionKeys.derive(masterKeyAndSalt));
    }

    /**
     * Unprotects the SRTP packet of {@code len} bytes at {@code off}. On {@link Outcome#OK} the RTP packet is in
     * place, {@link #length()} bytes long; otherwise the bytes are left as they came.
     */
    public Outcome unprotect(byte[] b, int off, int len) {
        int tag = suite.tagLength();
        int header = headerLength(b, off, len - tag);
        if (len < 12 + tag || header < 0 || (b[off] & 0xC0) != 0x80) {
            return last = Outcome.MALFORMED;
        }
        int sequence = sequence(b, off);
        long ssrc = ssrc(b, off);
        Source source = sources.get(ssrc);
        long roc = source == null ? 0 : source.estimate(sequence);
        if (roc < 0) {
            return last = Outcome.REPLAYED; // from before the first packet of this source
        }
        long index = (roc << 16) | sequence;
        if (source != null && !source.fresh(index)) {
            return last = Outcome.REPLAYED;
        }
        int body = len - tag;
        byte[] mac = mac(b, off, body, roc);
        if (!tagMatches(mac, b, off + body, tag)) {
            return last = Outcome.AUTHENTICATION_FAILED;
        }
        crypt(ssrc, index, b, off + header, body - header);
        if (source == null) {
            source = new Source(sequence);
            sources.put(ssrc, source);
        }
        source.accepted(roc, sequence, index);
        length = body;
        return last = Outcome.OK;
    }

    /** The RTP packet's length after {@link Outcome#OK}. */
    public int length() {
        return length;
    }

    /** The outcome of the last packet. */
    public Outcome lastOutcome() {
        return last;
    }

    /** Compares the first {@code len} bytes of {@code mac} with the packet's tag in constant time, copying nothing. */
    private static boolean tagMatches(byte[] mac, byte[] b, int off, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= mac[i] ^ b[off + i];
        }
        return diff == 0;
    }

    /** One source's rollover counter, highest sequence number and replay window. */
    private static final class Source {
        private long roc;
        private int highestSequence;
        private long highestIndex = -1;
        private final long[] window = new long[REPLAY_WINDOW / 64]; // bit i: highestIndex - i was received

        Source(int firstSequence) {
            this.highestSequence = firstSequence;
        }

        /** The rollover counter the sender most likely used for {@code sequence} (RFC 3711 section 3.3.1); -1 if none. */
        long estimate(int sequence) {
            if (highestSequence < 0x8000) {
                return sequence - highestSequence > 0x8000 ? roc - 1 : roc;
            }
            return highestSequence - 0x8000 > sequence ? (roc + 1) & 0xFFFFFFFFL : roc;
        }

        boolean fresh(long index) {
            if (highestIndex < 0 || index > highestIndex) {
                return true;
            }
            long behind = highestIndex - index;
            return behind < REPLAY_WINDOW && (window[(int) (behind >>> 6)] & (1L << (behind & 63))) == 0;
        }

        void accepted(long packetRoc, int sequence, long index) {
            if (index > highestIndex) {
                shift(highestIndex < 0 ? REPLAY_WINDOW : index - highestIndex);
                window[0] |= 1;
                highestIndex = index;
            } else {
                long behind = highestIndex - index;
                window[(int) (behind >>> 6)] |= 1L << (behind & 63);
            }
            if (packetRoc == ((roc + 1) & 0xFFFFFFFFL) || (packetRoc == roc && sequence > highestSequence)) {
                roc = packetRoc;
                highestSequence = sequence;
            }
        }

        private void shift(long by) {
            if (by >= REPLAY_WINDOW) {
                Arrays.fill(window, 0);
                return;
            }
            int words = (int) (by >>> 6);
            int bits = (int) (by & 63);
            for (int i = window.length - 1; i >= 0; i--) {
                long w = i - words >= 0 ? window[i - words] << bits : 0;
                if (bits != 0 && i - words - 1 >= 0) {
                    w |= window[i - words - 1] >>> (64 - bits);
                }
                window[i] = w;
            }
        }
    }
}

package org.switchboard.media.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiConsumer;

import org.switchboard.api.media.SrtpParameters;
import org.switchboard.media.internal.rtp.RtpPacket;
import org.switchboard.media.internal.srtp.SrtpReceiver;
import org.switchboard.media.internal.srtp.SrtpSender;
import org.switchboard.media.internal.srtp.SrtpSuite;

/**
 * The far end of one call's RTP as the SDP negotiated it: where frames go, which packets are taken (authentic,
 * of a negotiated payload type, from the source latched on the first one) and the SRTP contexts. {@link #connect}
 * runs on the signalling thread, {@link #accept} on the selector thread, the rest on the pacer: what they share is
 * volatile, and a re-INVITE replaces what it changes.
 */
final class RtpPeer {

    private static final int MAX_PAYLOAD = 1200;

    /** The keys in use and the contexts made from them; replaced as a whole when a re-INVITE changes them. */
    private record Srtp(SrtpParameters keys, SrtpSender sender, SrtpReceiver receiver) {}

    private final BiConsumer<SrtpReceiver.Outcome, InetSocketAddress> refused;
    private final byte[] srtpIn = new byte[RtpPacket.HEADER + MAX_PAYLOAD + 64]; // selector thread

    private volatile InetSocketAddress sdpRemote;
    private volatile InetSocketAddress latched;
    private volatile int payloadType = -1;
    private volatile boolean ulaw = true;
    private volatile int dtmfPayloadType = -1;
    private volatile Srtp srtp;
    private volatile long lastReceived = System.nanoTime();

    /** @param refused told of each SRTP packet refused and its source */
    RtpPeer(BiConsumer<SrtpReceiver.Outcome, InetSocketAddress> refused) {
        this.refused = refused;
    }

    void connect(String remoteAddress, int remotePort, int pt, String codec, int dtmfPt, SrtpParameters keys) {
        Srtp current = srtp;
        if (keys == null) {
            srtp = null;
        } else if (current == null || !current.keys.equals(keys)) {
            SrtpSuite suite = SrtpSuite.of(keys.suite());
            boolean sameSuite = current != null && current.keys.suite().equals(keys.suite());
            boolean sameSending = sameSuite && Arrays.equals(current.keys.localKey(), keys.localKey());
            boolean sameReceiving = sameSuite && Arrays.equals(current.keys.remoteKey(), keys.remoteKey());
            srtp = new Srtp(
                    keys,
                    sameSending ? current.sender : new SrtpSender(suite, keys.localKey()),
                    sameReceiving ? current.receiver : new SrtpReceiver(suite, keys.remoteKey()));
        }
        InetSocketAddress remote = new InetSocketAddress(remoteAddress, remotePort);
        if (sdpRemote != null && !sdpRemote.equals(remote)) {
            latched = null; // a re-INVITE moved the peer: latch again
        }
        ulaw = !"PCMA".equalsIgnoreCase(codec);
        dtmfPayloadType = dtmfPt;
        payloadType = pt;
        sdpRemote = remote;
        lastReceived = System.nanoTime();
    }

    /**
     * The packet in {@code data} if it is taken, or {@code null}: not authentic or replayed (SRTP), too long, not
     * RTP, of a payload type not negotiated, or from another source than the latched one.
     */
    RtpPacket accept(ByteBuffer data, InetSocketAddress from) {
        Srtp secure = srtp;
        if (secure != null) {
            data = unprotect(secure.receiver, data, from);
            if (data == null) {
                return null;
            }
        }
        int pt = payloadType;
        RtpPacket p = data.remaining() > RtpPacket.HEADER + MAX_PAYLOAD ? null : RtpPacket.parse(data);
        if (p == null || pt < 0 || (p.payloadType() != pt && p.payloadType() != dtmfPayloadType)) {
            return null;
        }
        InetSocketAddress source = latched;
        if (source == null) {
            latched = from;
        } else if (!source.equals(from)) {
            return null;
        }
        lastReceived = System.nanoTime();
        return p;
    }

    /** The packet decrypted into this peer's buffer, or {@code null} when it is not authentic or replayed. */
    private ByteBuffer unprotect(SrtpReceiver receiver, ByteBuffer data, InetSocketAddress from) {
        int length = data.remaining();
        if (length > srtpIn.length) {
            return null;
        }
        data.get(srtpIn, 0, length);
        SrtpReceiver.Outcome outcome = receiver.unprotect(srtpIn, 0, length);
        if (outcome == SrtpReceiver.Outcome.OK) {
            return ByteBuffer.wrap(srtpIn, 0, receiver.length());
        }
        refused.accept(outcome, from);
        return null;
    }

    /** Encrypts the packet {@code tx} in place when the call uses SRTP. */
    void protect(ByteBuffer tx) {
        Srtp secure = srtp;
        if (secure != null) {
            tx.limit(secure.sender.protect(tx.array(), 0, tx.limit()));
        }
    }

    /** Where frames go: the latched source, or the SDP's address until one is latched; {@code null} before connect. */
    InetSocketAddress target() {
        InetSocketAddress to = latched;
        return to != null ? to : sdpRemote;
    }

    boolean isDtmf(RtpPacket p) {
        return p.payloadType() == dtmfPayloadType;
    }

    /** The audio payload type, -1 before connect. */
    int payloadType() {
        return payloadType;
    }

    /** The telephone-event payload type, -1 when none was negotiated. */
    int dtmfPayloadType() {
        return dtmfPayloadType;
    }

    /** G.711 μ-law, else A-law. */
    boolean ulaw() {
        return ulaw;
    }

    /** {@link System#nanoTime()} of the last packet taken (or of the last connect). */
    long lastReceived() {
        return lastReceived;
    }
}

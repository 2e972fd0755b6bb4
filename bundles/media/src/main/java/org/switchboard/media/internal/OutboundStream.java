package org.switchboard.media.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import org.switchboard.media.internal.audio.G711;
import org.switchboard.media.internal.rtp.RtpPacket;
import org.switchboard.media.internal.rtp.TelephoneEvent;
import org.switchboard.media.internal.srtp.SrtpSuite;

/**
 * The session's outgoing RTP stream: its SSRC, sequence numbers and timestamps, one packet per 20 ms tick, either a
 * G.711 frame (silence when nothing plays; the marker bit on the first frame of a talkspurt) or an RFC 4733
 * telephone event (one timestamp per digit). Used by the pacer thread only.
 */
final class OutboundStream {

    private static final int FRAME = RtpSession.FRAME;
    private static final byte[] SILENCE_ULAW = silence(true);
    private static final byte[] SILENCE_ALAW = silence(false);

    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestamp = ThreadLocalRandom.current().nextLong(0x100000000L);
    private final long ssrc = ThreadLocalRandom.current().nextLong(0x100000000L);
    private final ByteBuffer tx = ByteBuffer.allocate(RtpPacket.HEADER + FRAME + SrtpSuite.MAX_TAG);
    private final byte[] encoded = new byte[FRAME];
    private boolean talking;
    private long eventTimestamp = -1;

    private static byte[] silence(boolean ulaw) {
        byte[] b = new byte[FRAME];
        G711.encode(ulaw, new short[FRAME], 0, FRAME, b, 0);
        return b;
    }

    /** The next packet: a telephone event; {@code lastOfDigit} ends the digit's timestamp. Flipped for sending. */
    ByteBuffer event(TelephoneEvent event, boolean lastOfDigit, int payloadType) {
        tx.clear();
        if (eventTimestamp < 0) {
            eventTimestamp = timestamp;
        }
        byte[] payload = event.encode();
        RtpPacket.write(
                tx, event.duration() == 160, payloadType, sequence, eventTimestamp, ssrc, payload, payload.length);
        if (lastOfDigit) {
            eventTimestamp = -1;
        }
        return advance();
    }

    /** The next packet: this frame of audio, or silence ({@code null}). Flipped for sending. */
    ByteBuffer audio(short[] frame, int payloadType, boolean ulaw) {
        tx.clear();
        boolean sound = frame != null;
        if (sound) {
            G711.encode(ulaw, frame, 0, FRAME, encoded, 0);
        }
        RtpPacket.write(
                tx,
                sound && !talking,
                payloadType,
                sequence,
                timestamp,
                ssrc,
                sound ? encoded : ulaw ? SILENCE_ULAW : SILENCE_ALAW,
                FRAME);
        talking = sound;
        return advance();
    }

    private ByteBuffer advance() {
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + FRAME) & 0xFFFFFFFFL;
        return tx.flip();
    }
}

package org.switchboard.media.internal.rtp;

import java.nio.ByteBuffer;

/**
 * An RTP packet (RFC 3550) read from or written to a buffer: the fixed header, CSRCs and a header extension
 * skipped, padding removed. {@link #parse} answers {@code null} for anything that is not a well-formed RTP
 * version 2 packet, so garbage is dropped and counted, never thrown.
 *
 * @param marker the M bit
 * @param payloadType 0-127
 * @param sequence 16-bit sequence number
 * @param timestamp 32-bit timestamp, as an unsigned value
 * @param ssrc synchronisation source
 * @param payload the payload bytes (a copy)
 */
public record RtpPacket(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {

    /** The fixed header's size. */
    public static final int HEADER = 12;

    /** Reads the packet between the buffer's position and limit, or {@code null} when it is malformed. */
    public static RtpPacket parse(ByteBuffer b) {
        int length = b.remaining();
        if (length < HEADER) {
            return null;
        }
        int start = b.position();
        int first = b.get(start) & 0xFF;
        if (first >> 6 != 2) {
            return null;
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcs = first & 0x0F;
        int second = b.get(start + 1) & 0xFF;
        int offset = HEADER + 4 * csrcs;
        if (extension) {
            if (length < offset + 4) {
                return null;
            }
            offset += 4 + 4 * (b.getShort(start + offset + 2) & 0xFFFF);
        }
        int end = length;
        if (padding) {
            int pad = b.get(start + length - 1) & 0xFF;
            if (pad == 0) {
                return null;
            }
            end -= pad;
        }
        if (end < offset) {
            return null;
        }
        byte[] payload = new byte[end - offset];
        b.get(start + offset, payload);
        return new RtpPacket(
                (second & 0x80) != 0,
                second & 0x7F,
                b.getShort(start + 2) & 0xFFFF,
                b.getInt(start + 4) & 0xFFFFFFFFL,
                b.getInt(start + 8) & 0xFFFFFFFFL,
                payload);
    }

    /** Writes the header for these fields and {@code payloadLength} bytes of payload from {@code payload}. */
    public static void write(
            ByteBuffer out,
            boolean marker,
            int payloadType,
            int sequence,
            long timestamp,
            long ssrc,
            byte[] payload,
            int payloadLength) {
        out.put((byte) 0x80);
        out.put((byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F)));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
        out.put(payload, 0, payloadLength);
    }
}

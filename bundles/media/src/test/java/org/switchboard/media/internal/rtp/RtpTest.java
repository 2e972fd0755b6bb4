package org.switchboard.media.internal.rtp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class RtpTest {

    @Test
    public void aPacketRoundTripsAndCsrcsExtensionsAndPaddingAreSkipped() {
        ByteBuffer b = ByteBuffer.allocate(200);
        RtpPacket.write(b, true, 8, 65535, 0xFFFFFFF0L, 0xCAFEBABEL, new byte[] {1, 2, 3}, 3);
        b.flip();
        RtpPacket p = RtpPacket.parse(b);
        assertEquals(
                new RtpPacket(true, 8, 65535, 0xFFFFFFF0L, 0xCAFEBABEL, new byte[] {1, 2, 3})
                        .toString()
                        .replaceAll("\\[B@\\w+", ""),
                p.toString().replaceAll("\\[B@\\w+", ""));
        assertArrayEquals(new byte[] {1, 2, 3}, p.payload());

        // V=2, P=1, X=1, CC=1; one CSRC, a 1-word extension, payload 9 9, then 2 bytes of padding
        byte[] raw = {
            (byte) 0xB1,
            0,
            0,
            7,
            0,
            0,
            0,
            1,
            0,
            0,
            0,
            2,
            0,
            0,
            0,
            3,
            (byte) 0xBE,
            (byte) 0xDE,
            0,
            1,
            5,
            5,
            5,
            5,
            9,
            9,
            0,
            2
        };
        RtpPacket q = RtpPacket.parse(ByteBuffer.wrap(raw));
        assertEquals(7, q.sequence());
        assertArrayEquals(new byte[] {9, 9}, q.payload());
    }

    @Test
    public void garbageIsNotAPacket() {
        assertNull(RtpPacket.parse(ByteBuffer.wrap(new byte[11])));
        assertNull("version 0", RtpPacket.parse(ByteBuffer.wrap(new byte[12])));
        assertNull(
                "CSRCs beyond the end",
                RtpPacket.parse(ByteBuffer.wrap(new byte[] {(byte) 0x8F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})));
        assertNull("padding longer than the packet", RtpPacket.parse(ByteBuffer.wrap(new byte[] {
            (byte) 0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 200
        })));
        assertNull(
                "zero padding count",
                RtpPacket.parse(ByteBuffer.wrap(new byte[] {(byte) 0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
        assertNull("extension beyond the end", RtpPacket.parse(ByteBuffer.wrap(new byte[] {
            (byte) 0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9
        })));
    }

    @Test
    public void telephoneEventsEncodeAndDecode() {
        TelephoneEvent e = new TelephoneEvent(11, true, 10, 1600);
        assertEquals(e, TelephoneEvent.parse(e.encode()));
        assertEquals('#', e.digit());
        assertEquals(10, TelephoneEvent.code('*'));
        assertEquals(12, TelephoneEvent.code('a'));
        assertEquals(-1, TelephoneEvent.code('x'));
        assertNull("too short", TelephoneEvent.parse(new byte[3]));
        assertNull("not a DTMF event", TelephoneEvent.parse(new byte[] {16, 0, 0, 0}));
    }

    @Test
    public void theRepeatedEndPacketsGiveOneDigitAndALostEndIsRecovered() {
        List<String> digits = new ArrayList<>();
        DtmfReceiver r = new DtmfReceiver((d, ms) -> digits.add(d + "/" + ms));
        for (int i = 1; i <= 5; i++) {
            r.accept(1000, new TelephoneEvent(5, false, 10, 160 * i));
        }
        for (int i = 0; i < 3; i++) {
            r.accept(1000, new TelephoneEvent(5, true, 10, 960));
        }
        r.accept(3000, new TelephoneEvent(1, false, 10, 160)); // its end packets never arrive
        r.accept(5000, new TelephoneEvent(11, false, 10, 160));
        r.accept(5000, new TelephoneEvent(11, true, 10, 400));
        r.accept(5000, new TelephoneEvent(11, true, 10, 400));
        assertEquals(List.of("5/120", "1/20", "#/50"), digits);
    }

    @Test
    public void theReorderBufferPutsPacketsBackInOrderAndCountsLateLostAndDuplicates() {
        List<Integer> out = new ArrayList<>();
        ReorderBuffer b = new ReorderBuffer(3);
        for (int seq : new int[] {65533, 65535, 65534, 0, 2, 2, 1, 0, 65530, 4, 5, 6, 7}) {
            b.add(packet(seq), p -> out.add(p.sequence()));
        }
        assertEquals(List.of(65533, 65534, 65535, 0, 1, 2, 4, 5, 6, 7), out);
        assertEquals("a packet already played out is late", 2, b.late());
        assertEquals(1, b.duplicates());
        assertEquals("3 was given up on once 4, 5, 6 and 7 waited", 1, b.lost());

        b.add(packet(9), p -> out.add(p.sequence()));
        b.flush(p -> out.add(p.sequence()));
        assertEquals(9, (int) out.get(out.size() - 1));
        assertEquals(2, b.lost());
        b.add(packet(30000), p -> out.add(p.sequence()));
        assertEquals("a restarted sequence is a new stream", 30000, (int) out.get(out.size() - 1));
        assertEquals(2, b.lost());
    }

    private static RtpPacket packet(int seq) {
        return new RtpPacket(false, 0, seq, seq * 160L, 1, new byte[160]);
    }
}

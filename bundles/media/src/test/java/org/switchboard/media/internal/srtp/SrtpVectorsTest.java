package org.switchboard.media.internal.srtp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.Test;

/**
 * The crypto checked against published vectors: RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key
 * derivation), and the reference packet libsrtp's driver protects with the B.3 master key (SSRC 0xcafebabe,
 * sequence 0x1234, sixteen bytes of 0xab).
 */
public class SrtpVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASTER =
            HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139" + "0ec675ad498afeebb6960b3aabe6");
    private static final byte[] PLAIN = HEX.parseHex("800f1234decafbadcafebabe" + "ab".repeat(16));
    private static final String CIPHER = "800f1234decafbadcafebabe" + "4e55dc4ce79978d88ca4d215949d2402";

    @Test
    public void keyDerivationMatchesAppendixB3() {
        SessionKeys keys = SessionKeys.derive(MASTER);
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", HEX.formatHex(keys.cipherKey()));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", HEX.formatHex(keys.salt()));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", HEX.formatHex(keys.authKey()));
    }

    @Test
    public void keystreamMatchesAppendixB2() {
        SessionKeys keys = new SessionKeys(
                HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"),
                new byte[20],
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd"));
        SrtpSender s = new SrtpSender(SrtpSuite.AES_CM_128_HMAC_SHA1_80, keys);
        byte[] zeros = new byte[0xff02 * 16];
        s.crypt(0, 0, zeros, 0, zeros.length);
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4", block(zeros, 0x0000));
        assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", block(zeros, 0x0001));
        assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", block(zeros, 0x0002));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", block(zeros, 0xfeff));
        assertEquals("362b7c3c6773516318a077d7fc5073ae", block(zeros, 0xff00));
        assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", block(zeros, 0xff01));
    }

    @Test
    public void referencePacketWithAn80BitTag() {
        check(SrtpSuite.AES_CM_128_HMAC_SHA1_80, CIPHER + "b78d6acc99ea179b8dbb");
    }

    @Test
    public void referencePacketWithA32BitTag() {
        check(SrtpSuite.AES_CM_128_HMAC_SHA1_32, CIPHER + "b78d6acc");
    }

    private static void check(SrtpSuite suite, String expected) {
        byte[] packet = Arrays.copyOf(PLAIN, PLAIN.length + SrtpSuite.MAX_TAG);
        int length = new SrtpSender(suite, MASTER).protect(packet, 0, PLAIN.length);
        assertEquals(expected, HEX.formatHex(packet, 0, length));

        SrtpReceiver receiver = new SrtpReceiver(suite, MASTER);
        assertEquals(SrtpReceiver.Outcome.OK, receiver.unprotect(packet, 0, length));
        assertArrayEquals(PLAIN, Arrays.copyOf(packet, receiver.length()));
    }

    private static String block(byte[] b, int i) {
        return HEX.formatHex(b, i * 16, i * 16 + 16);
    }
}

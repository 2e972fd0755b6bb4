package org.switchboard.sip.internal.sdp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Base64;

import org.junit.Test;
import org.switchboard.api.media.SrtpParameters;
import org.switchboard.sip.internal.sdp.SdpAnswerer.Answer;
import org.switchboard.sip.internal.sdp.SdpAnswerer.SrtpPolicy;
import org.switchboard.sip.internal.sdp.SdpOffer.Rejected;

/** SDES offer/answer (RFC 4568): which line is taken, the key answered, and every reason an offer is refused. */
public class SdpSrtpAnswerTest {

    private static final byte[] OURS = key(1);
    private static final byte[] THEIRS = key(2);
    private static final String THEIR_KEY = Base64.getEncoder().encodeToString(THEIRS);
    private static final SrtpPolicy OPTIONAL = new SrtpPolicy(false, OURS);
    private static final SrtpPolicy REQUIRED = new SrtpPolicy(true, OURS);

    private static byte[] key(int seed) {
        byte[] k = new byte[30];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + i);
        }
        return k;
    }

    private static Answer answer(SrtpPolicy policy, String... lines) throws Rejected {
        return SdpAnswerer.answer(
                SdpOffer.parse("v=0\r\nc=IN IP4 192.0.2.1\r\n" + String.join("\r\n", lines) + "\r\n"),
                "127.0.0.1",
                20000,
                42,
                1,
                policy);
    }

    @Test
    public void aSavpOfferIsAnsweredWithTheFirstSupportedSuiteItsTagAndOurKey() throws Exception {
        Answer a = answer(
                OPTIONAL,
                "m=audio 5000 RTP/SAVP 0 101",
                "a=rtpmap:101 telephone-event/8000",
                "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:"
                        + Base64.getEncoder().encodeToString(new byte[46]),
                "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + THEIR_KEY + "|2^31",
                "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY);
        assertTrue(a.sdp(), a.sdp().contains("m=audio 20000 RTP/SAVP 0 101\r\n"));
        assertTrue(
                a.sdp(),
                a.sdp()
                        .contains("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:"
                                + Base64.getEncoder().encodeToString(OURS) + "\r\n"));
        assertEquals(1, a.sdp().split("a=crypto", -1).length - 1);
        SrtpParameters p = a.srtp();
        assertEquals(SrtpParameters.AES_CM_128_HMAC_SHA1_32, p.suite());
        assertArrayEquals(OURS, p.localKey());
        assertArrayEquals(THEIRS, p.remoteKey());
        assertFalse(
                "no key in the answer's toString",
                a.toString().contains(Base64.getEncoder().encodeToString(OURS)));
    }

    @Test
    public void theSecureStreamIsPreferredAndThePlainAlternativeDeclined() throws Exception {
        Answer a = answer(
                OPTIONAL,
                "m=audio 5000 RTP/AVP 0",
                "m=audio 5002 RTP/SAVPF 8",
                "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY + " WSH=64 UNENCRYPTED_SRTCP");
        assertEquals(5002, a.remotePort());
        assertEquals("PCMA", a.codec());
        assertTrue(a.sdp(), a.sdp().contains("m=audio 0 RTP/AVP 0\r\nm=audio 20000 RTP/SAVP 8\r\n"));
        assertTrue(a.sdp(), a.sdp().contains("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:"));
    }

    @Test
    public void bestEffortSrtpOnRtpAvpIsAnsweredWithAKeyAndPlainRtpStaysPlain() throws Exception {
        Answer best =
                answer(OPTIONAL, "m=audio 5000 RTP/AVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY);
        assertTrue(best.sdp(), best.sdp().contains("m=audio 20000 RTP/AVP 0\r\n"));
        assertTrue(best.sdp(), best.sdp().contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"));
        Answer plain = answer(OPTIONAL, "m=audio 5000 RTP/AVP 0");
        assertNull(plain.srtp());
        assertFalse(plain.sdp(), plain.sdp().contains("crypto"));
    }

    @Test
    public void aReOfferKeepsOurKeyAndTakesThePeersNewOne() throws Exception {
        Answer first =
                answer(OPTIONAL, "m=audio 5000 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY);
        String newKey = Base64.getEncoder().encodeToString(key(9));
        Answer again =
                answer(OPTIONAL, "m=audio 5000 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + newKey);
        assertEquals("the same answer: our key does not change within a call", first.sdp(), again.sdp());
        assertArrayEquals(key(9), again.srtp().remoteKey());
        assertFalse("so the refresh must compare the keys too", first.srtp().equals(again.srtp()));
    }

    @Test
    public void aTrunkThatRequiresSrtpRefusesPlainOffersAndSaysWhy() throws Exception {
        assertEquals(
                "SRTP is required: the offer has plain RTP only (offer RTP/SAVP with a=crypto)",
                assertThrows(Rejected.class, () -> answer(REQUIRED, "m=audio 5000 RTP/AVP 0"))
                        .getMessage());
        assertEquals(
                "SRTP is required: crypto 1: an MKI is not supported",
                assertThrows(
                                Rejected.class,
                                () -> answer(
                                        REQUIRED,
                                        "m=audio 5000 RTP/AVP 0",
                                        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY + "|2^20|1:4"))
                        .getMessage());
        Answer ok = answer(
                REQUIRED,
                "m=audio 5000 RTP/AVP 0",
                "m=audio 5002 RTP/SAVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY);
        assertEquals(5002, ok.remotePort());
    }

    @Test
    public void everyUnusableCryptoLineIsNamedInTheRefusal() {
        String message = assertThrows(
                        Rejected.class,
                        () -> answer(
                                OPTIONAL,
                                "m=audio 5000 RTP/SAVP 0",
                                "a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + THEIR_KEY,
                                "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:AAAA",
                                "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY + " UNENCRYPTED_SRTP",
                                "a=crypto:4 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY + ";inline:" + THEIR_KEY,
                                "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:not*base64",
                                "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY,
                                "a=crypto:6 AES_CM_128_HMAC_SHA1_80 inline:" + THEIR_KEY + " KDR=24"))
                .getMessage();
        assertEquals(
                "no usable SRTP in the offer: "
                        + "crypto 1: suite F8_128_HMAC_SHA1_80 is not supported (Switchboard answers AES_CM_128_HMAC_SHA1_80 or "
                        + "AES_CM_128_HMAC_SHA1_32); crypto 2: the key and salt are 3 bytes, not 30; "
                        + "crypto 3: session parameter UNENCRYPTED_SRTP is not supported; "
                        + "crypto 4: several keys in one line are not supported; crypto 5: the key is not base64; "
                        + "an a=crypto line is not '<tag> <suite> <key-params>'; "
                        + "crypto 6: session parameter KDR=24 is not supported",
                message);
        assertEquals(
                "no usable SRTP in the offer: RTP/SAVP without a=crypto (SDES keys)",
                assertThrows(Rejected.class, () -> answer(OPTIONAL, "m=audio 5000 RTP/SAVP 0"))
                        .getMessage());
        assertEquals(
                "no usable SRTP in the offer: UDP/TLS/RTP/SAVP (DTLS-SRTP) is not supported; offer RTP/SAVP with "
                        + "a=crypto (SDES)",
                assertThrows(
                                Rejected.class,
                                () -> answer(OPTIONAL, "m=audio 5000 UDP/TLS/RTP/SAVP 0", "a=fingerprint:sha-256 AA"))
                        .getMessage());
    }
}

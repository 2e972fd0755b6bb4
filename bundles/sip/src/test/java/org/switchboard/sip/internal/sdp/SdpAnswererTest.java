package org.switchboard.sip.internal.sdp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.Test;
import org.switchboard.sip.internal.sdp.SdpAnswerer.Answer;
import org.switchboard.sip.internal.sdp.SdpOffer.Rejected;

public class SdpAnswererTest {

    /** An early offer as Zoom's guides describe: Opus, G.722, G.711 µ/A, G.729 and RFC 2833 DTMF. */
    static final String ZOOM_OFFER = String.join(
            "\r\n",
            "v=0",
            "o=ZCC 1690000000 1690000000 IN IP4 10.0.0.5",
            "s=ZCC",
            "c=IN IP4 10.0.0.5",
            "t=0 0",
            "m=audio 40000 RTP/AVP 111 9 0 8 18 101",
            "a=rtpmap:111 opus/48000/2",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:18 G729/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
            "");

    private static Answer answer(String offer) throws Rejected {
        return SdpAnswerer.answer(SdpOffer.parse(offer), "127.0.0.1", 20000, 42, 1);
    }

    @Test
    public void answersZoomOfferWithPcmuAndTelephoneEvent() throws Exception {
        Answer a = answer(ZOOM_OFFER);
        assertEquals("PCMU", a.codec());
        assertEquals(0, a.payloadType());
        assertEquals(101, a.dtmfPayloadType());
        assertEquals("10.0.0.5", a.remoteAddress());
        assertEquals(40000, a.remotePort());
        assertTrue(a.sdp(), a.sdp().contains("m=audio 20000 RTP/AVP 0 101\r\n"));
        assertTrue(a.sdp(), a.sdp().contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"));
        assertTrue(a.sdp(), a.sdp().contains("c=IN IP4 127.0.0.1\r\n"));
        assertTrue(a.sdp(), a.sdp().startsWith("v=0\r\no=Switchboard 42 1 IN IP4 127.0.0.1\r\n"));
        assertTrue(a.sdp(), a.sdp().endsWith("a=sendrecv\r\n"));
    }

    @Test
    public void offerOrderDecidesBetweenPcmaAndPcmuAndDynamicMappingsCount() throws Exception {
        Answer a = answer("v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 8 0\n");
        assertEquals("PCMA", a.codec());
        assertEquals(-1, a.dtmfPayloadType());
        Answer dyn = answer("v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 96\na=rtpmap:96 pcma/8000\n");
        assertEquals("PCMA", dyn.codec());
        assertEquals(96, dyn.payloadType());
    }

    @Test
    public void otherStreamsAreDeclinedInPlaceAndDirectionMirrors() throws Exception {
        Answer a = answer("v=0\nc=IN IP4 192.0.2.1\nm=video 6000 RTP/AVP 96\nm=audio 5000 RTP/AVP 0\na=sendonly\n");
        int video = a.sdp().indexOf("m=video 0 RTP/AVP 96");
        int audio = a.sdp().indexOf("m=audio 20000");
        assertTrue(a.sdp(), video >= 0 && audio > video);
        assertEquals("recvonly", a.direction());
        assertEquals("5000", Integer.toString(a.remotePort()));
        assertEquals(
                "sendonly",
                answer("v=0\nc=IN IP4 192.0.2.1\na=recvonly\nm=audio 5000 RTP/AVP 0\n")
                        .direction());
    }

    @Test
    public void mediaLevelConnectionWinsAndIpv6Answers() throws Exception {
        Answer a = SdpAnswerer.answer(
                SdpOffer.parse("v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 0\nc=IN IP6 2001:db8::7\n"),
                "::1",
                20002,
                1,
                1);
        assertEquals("2001:db8::7", a.remoteAddress());
        assertTrue(a.sdp(), a.sdp().contains("c=IN IP6 ::1"));
    }

    @Test
    public void unanswerableOffersSayWhy() {
        assertEquals(
                "no common codec: offered 18 (G729/8000), 9 (G722/8000); Switchboard answers PCMU or PCMA",
                assertThrows(
                                Rejected.class,
                                () -> answer(
                                        "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 18 9\na=rtpmap:18 G729/8000\na=rtpmap:9 G722/8000\n"))
                        .getMessage());
        assertEquals(
                "SRTP is not available here; offer RTP/AVP",
                assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/SAVP 0\n"))
                        .getMessage());
        assertEquals(
                "the offer has no connection address (c=) for its audio",
                assertThrows(Rejected.class, () -> answer("v=0\nm=audio 5000 RTP/AVP 0\n"))
                        .getMessage());
        assertEquals(
                "no audio stream over RTP/AVP in the offer",
                assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 192.0.2.1\nm=audio 0 RTP/AVP 0\n"))
                        .getMessage());
        assertEquals(
                "the SDP offer has no media (m=) line",
                assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 192.0.2.1\n"))
                        .getMessage());
        assertEquals(
                "SDP must start with v=0",
                assertThrows(Rejected.class, () -> answer("o=x\n")).getMessage());
        assertEquals(
                "no SDP offer", assertThrows(Rejected.class, () -> answer("")).getMessage());
        assertTrue(assertThrows(Rejected.class, () -> answer("v=0\nthis is not sdp\n"))
                .getMessage()
                .startsWith("SDP line 2 is not <type>=<value>"));
        assertTrue(assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 192.0.2.1\nm=audio 99999 RTP/AVP 0\n"))
                .getMessage()
                .contains("port 99999 is out of range"));
        assertTrue(assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP zero\n"))
                .getMessage()
                .contains("bad RTP payload type 'zero'"));
        assertTrue(assertThrows(Rejected.class, () -> answer("v=0\nc=IN X25 abc\nm=audio 5000 RTP/AVP 0\n"))
                .getMessage()
                .contains("c= must be 'IN IP4 <address>'"));
    }

    @Test
    public void aHostNameOrASystemPortIsNeverAMediaDestination() throws Exception {
        assertEquals(
                "SDP line 2: c= address 'media.attacker.example' is not an IP4 address (host names are not resolved)",
                assertThrows(
                                Rejected.class,
                                () -> answer("v=0\nc=IN IP4 media.attacker.example\nm=audio 5000 RTP/AVP 0\n"))
                        .getMessage());
        assertTrue(assertThrows(
                        Rejected.class,
                        () -> answer("v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 0\n" + "c=IN IP6 localhost\n"))
                .getMessage()
                .contains("'localhost' is not an IP6 address"));
        assertTrue(assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 2001:db8::1\nm=audio 5000 RTP/AVP 0\n"))
                .getMessage()
                .contains("is not an IP4 address"));
        assertTrue(assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 192.0.2.300\nm=audio 5000 RTP/AVP 0\n"))
                .getMessage()
                .contains("is not an IP4 address"));
        assertTrue(assertThrows(Rejected.class, () -> answer("v=0\nc=IN IP4 a\u001b[31mb\nm=audio 5000 RTP/AVP 0\n"))
                .getMessage()
                .contains("'a?[31mb'"));
        for (int port : new int[] {1, 80, 1023}) {
            assertEquals(
                    "the audio stream's RTP port " + port + " is a system port (below 1024)",
                    assertThrows(
                                    Rejected.class,
                                    () -> answer("v=0\nc=IN IP4 192.0.2.1\nm=audio " + port + " RTP/AVP 0\n"))
                            .getMessage());
        }
        answer("v=0\nc=IN IP4 0.0.0.0\nm=audio 1024 RTP/AVP 0\n");
    }

    @Test
    public void rtpPortsAreEvenRoundRobinAndBounded() {
        RtpPorts ports = new RtpPorts(20001, 20007); // even ports 20002, 20004, 20006
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            int p = ports.allocate().getAsInt();
            assertEquals(0, p % 2);
            seen.add(p);
        }
        assertEquals(Set.of(20002, 20004, 20006), seen);
        assertFalse(ports.allocate().isPresent());
        ports.release(20004);
        assertEquals(OptionalInt.of(20004), ports.allocate());
        ports.release(20002);
        ports.release(20006);
        assertEquals("round robin continues after the last port handed out", OptionalInt.of(20006), ports.allocate());
        assertEquals(2, ports.inUse());
        assertThrows(IllegalArgumentException.class, () -> new RtpPorts(80, 90));
        assertThrows(IllegalArgumentException.class, () -> new RtpPorts(30001, 30001));
    }
}

package org.switchboard.sip.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.switchboard.api.media.SrtpParameters;
import org.switchboard.sip.internal.sdp.SdpOffer.Media;
import org.switchboard.sip.internal.sdp.SdpOffer.Rejected;

/**
 * Answers an offer (RFC 3264): one audio stream gets G.711 (PCMU or PCMA, whichever the offer lists first) plus
 * telephone-event when offered; every other stream is declined with port 0 in the same position. The answer's
 * direction mirrors the offer's. A stream with a usable SDES {@code a=crypto} (RTP/SAVP, or RTP/AVP offering SRTP
 * at best effort) is preferred and answered with Switchboard's key; plain RTP/AVP is taken unless SRTP is required.
 */
public final class SdpAnswerer {

    /**
     * The negotiated audio and the answer to send.
     *
     * @param sdp the answer body
     * @param payloadType the chosen G.711 payload type
     * @param codec {@code PCMU} or {@code PCMA}
     * @param dtmfPayloadType the telephone-event payload type, or -1 when not offered
     * @param remoteAddress where the peer receives RTP
     * @param remotePort the peer's RTP port
     * @param direction the answer's direction attribute
     * @param srtp the SRTP keys, or {@code null} for plain RTP
     */
    public record Answer(
            String sdp,
            int payloadType,
            String codec,
            int dtmfPayloadType,
            String remoteAddress,
            int remotePort,
            String direction,
            SrtpParameters srtp) {

        /** Without the SDP, which carries a key. */
        @Override
        public String toString() {
            return "Answer[" + codec + "/" + payloadType + " to " + remoteAddress + ":" + remotePort + ", " + direction
                    + (srtp == null ? ", RTP]" : ", " + srtp.suite() + "]");
        }
    }

    /**
     * What a call allows for SRTP.
     *
     * @param required whether an offer without usable SRTP is refused
     * @param localKey Switchboard's master key and salt for this call, or {@code null} to answer plain RTP only
     */
    public record SrtpPolicy(boolean required, byte[] localKey) {

        /** Plain RTP only. */
        public static final SrtpPolicy PLAIN = new SrtpPolicy(false, null);

        @Override
        public String toString() {
            return "SrtpPolicy[" + (required ? "required" : "optional") + "]";
        }
    }

    private SdpAnswerer() {}

    /** An answer with plain RTP only. */
    public static Answer answer(SdpOffer offer, String localAddress, int localPort, long sessionId, long version)
            throws Rejected {
        return answer(offer, localAddress, localPort, sessionId, version, SrtpPolicy.PLAIN);
    }

    public static Answer answer(
            SdpOffer offer, String localAddress, int localPort, long sessionId, long version, SrtpPolicy policy)
            throws Rejected {
        Media secure = null;
        SdpCrypto.Usable crypto = null;
        Media plain = null;
        boolean sawSecure = false;
        List<String> why = new ArrayList<>();
        for (Media m : offer.media()) {
            if (!m.type().equals("audio") || m.port() == 0) {
                continue;
            }
            boolean avp = m.protocol().equals("RTP/AVP") || m.protocol().equals("RTP/AVPF");
            boolean savp = m.protocol().equals("RTP/SAVP") || m.protocol().equals("RTP/SAVPF");
            sawSecure |= savp || !m.crypto().isEmpty() || m.protocol().contains("SAVP");
            if (m.protocol().startsWith("UDP/TLS/")) {
                why.add(m.protocol() + " (DTLS-SRTP) is not supported; offer RTP/SAVP with a=crypto (SDES)");
            }
            if (secure == null && (avp || savp) && policy.localKey() != null) {
                if (savp && m.crypto().isEmpty()) {
                    why.add(m.protocol() + " without a=crypto (SDES keys)");
                }
                SdpCrypto.Usable usable = SdpCrypto.choose(m.crypto(), why);
                if (usable != null) {
                    secure = m;
                    crypto = usable;
                }
            }
            if (plain == null && avp) {
                plain = m;
            }
        }
        Media audio = secure != null ? secure : policy.required() ? null : plain;
        if (audio == null) {
            if (policy.required()) {
                throw new Rejected("SRTP is required: "
                        + (why.isEmpty()
                                ? "the offer has plain RTP only (offer RTP/SAVP with a=crypto)"
                                : String.join("; ", why)));
            }
            throw new Rejected(
                    !sawSecure
                            ? "no audio stream over RTP/AVP in the offer"
                            : policy.localKey() == null
                                    ? "SRTP is not available here; offer RTP/AVP"
                                    : "no usable SRTP in the offer: " + String.join("; ", why));
        }
        String remote = audio.connection() != null ? audio.connection() : offer.connection();
        if (remote == null) {
            throw new Rejected("the offer has no connection address (c=) for its audio");
        }
        if (audio.port() < 1024) {
            throw new Rejected("the audio stream's RTP port " + audio.port() + " is a system port (below 1024)");
        }
        int pt = -1;
        String codec = null;
        for (int f : audio.formats()) {
            String name = codecName(f, audio.rtpmap().get(f));
            if (name != null) {
                pt = f;
                codec = name;
                break;
            }
        }
        if (codec == null) {
            throw new Rejected("no common codec: offered " + describe(audio) + "; Switchboard answers PCMU or PCMA");
        }
        int dtmf = -1;
        for (int f : audio.formats()) {
            String map = audio.rtpmap().get(f);
            if (map != null && map.toLowerCase(Locale.ROOT).startsWith("telephone-event/8000")) {
                dtmf = f;
                break;
            }
        }
        String direction = switch (audio.direction()) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
        String ipVersion = localAddress.contains(":") ? "IP6" : "IP4";
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=Switchboard ")
                .append(sessionId)
                .append(' ')
                .append(version)
                .append(" IN ")
                .append(ipVersion)
                .append(' ')
                .append(localAddress)
                .append("\r\n")
                .append("s=Switchboard\r\n")
                .append("c=IN ")
                .append(ipVersion)
                .append(' ')
                .append(localAddress)
                .append("\r\n")
                .append("t=0 0\r\n");
        for (Media m : offer.media()) {
            if (m != audio) {
                String format = m.formats().isEmpty()
                        ? "0"
                        : Integer.toString(m.formats().get(0));
                sdp.append("m=")
                        .append(m.type())
                        .append(" 0 ")
                        .append(m.protocol())
                        .append(' ')
                        .append(format)
                        .append("\r\n");
                continue;
            }
            sdp.append("m=audio ")
                    .append(localPort)
                    .append(' ')
                    .append(audio.protocol().replace("AVPF", "AVP"))
                    .append(' ')
                    .append(pt)
                    .append(dtmf >= 0 ? " " + dtmf : "")
                    .append("\r\n")
                    .append("a=rtpmap:")
                    .append(pt)
                    .append(' ')
                    .append(codec)
                    .append("/8000\r\n");
            if (dtmf >= 0) {
                sdp.append("a=rtpmap:")
                        .append(dtmf)
                        .append(" telephone-event/8000\r\n")
                        .append("a=fmtp:")
                        .append(dtmf)
                        .append(" 0-16\r\n");
            }
            if (crypto != null) {
                sdp.append("a=")
                        .append(SdpCrypto.answer(crypto, policy.localKey()))
                        .append("\r\n");
            }
            sdp.append("a=ptime:20\r\n")
                    .append('a')
                    .append('=')
                    .append(direction)
                    .append("\r\n");
        }
        SrtpParameters srtp =
                crypto == null ? null : new SrtpParameters(crypto.suite(), policy.localKey(), crypto.remoteKey());
        return new Answer(sdp.toString(), pt, codec, dtmf, remote, audio.port(), direction, srtp);
    }

    /** PCMU or PCMA for a payload type (static 0/8, or a dynamic type mapped to it), else {@code null}. */
    static String codecName(int pt, String rtpmap) {
        if (rtpmap != null) {
            String name = rtpmap.toUpperCase(Locale.ROOT);
            if (name.startsWith("PCMU/8000")) {
                return "PCMU";
            }
            if (name.startsWith("PCMA/8000")) {
                return "PCMA";
            }
            return null;
        }
        return pt == 0 ? "PCMU" : pt == 8 ? "PCMA" : null;
    }

    private static String describe(Media audio) {
        List<String> parts = new ArrayList<>();
        for (int f : audio.formats()) {
            String map = audio.rtpmap().get(f);
            parts.add(map == null ? Integer.toString(f) : f + " (" + map + ")");
        }
        return String.join(", ", parts);
    }
}

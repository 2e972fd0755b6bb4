package org.switchboard.sip.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.switchboard.sip.internal.sdp.SdpOffer.Media;
import org.switchboard.sip.internal.sdp.SdpOffer.Rejected;

/**
 * Answers an offer (RFC 3264): the first audio stream over RTP/AVP gets G.711 (PCMU or PCMA, whichever the offer
 * lists first) plus telephone-event when offered; every other stream is declined with port 0 in the same position.
 * The answer's direction mirrors the offer's.
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
     */
    public record Answer(String sdp, int payloadType, String codec, int dtmfPayloadType, String remoteAddress,
            int remotePort, String direction) {
    }

    private SdpAnswerer() {
    }

    public static Answer answer(SdpOffer offer, String localAddress, int localPort, long sessionId, long version)
            throws Rejected {
        Media audio = null;
        boolean sawSecureAudio = false;
        for (Media m : offer.media()) {
            if (m.type().equals("audio") && m.port() != 0) {
                if (m.protocol().equals("RTP/AVP") || m.protocol().equals("RTP/AVPF")) {
                    audio = m;
                    break;
                }
                sawSecureAudio |= m.protocol().contains("SAVP");
            }
        }
        if (audio == null) {
            throw new Rejected(sawSecureAudio ? "SRTP (RTP/SAVP) audio is not supported yet; offer RTP/AVP"
                    : "no audio stream over RTP/AVP in the offer");
        }
        String remote = audio.connection() != null ? audio.connection() : offer.connection();
        if (remote == null) {
            throw new Rejected("the offer has no connection address (c=) for its audio");
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
                .append("o=Switchboard ").append(sessionId).append(' ').append(version).append(" IN ")
                .append(ipVersion).append(' ').append(localAddress).append("\r\n")
                .append("s=Switchboard\r\n")
                .append("c=IN ").append(ipVersion).append(' ').append(localAddress).append("\r\n")
                .append("t=0 0\r\n");
        for (Media m : offer.media()) {
            if (m != audio) {
                String format = m.formats().isEmpty() ? "0" : Integer.toString(m.formats().get(0));
                sdp.append("m=").append(m.type()).append(" 0 ").append(m.protocol()).append(' ').append(format).append("\r\n");
                continue;
            }
            sdp.append("m=audio ").append(localPort).append(' ').append(audio.protocol().equals("RTP/AVPF") ? "RTP/AVP" : audio.protocol())
                    .append(' ').append(pt).append(dtmf >= 0 ? " " + dtmf : "").append("\r\n")
                    .append("a=rtpmap:").append(pt).append(' ').append(codec).append("/8000\r\n");
            if (dtmf >= 0) {
                sdp.append("a=rtpmap:").append(dtmf).append(" telephone-event/8000\r\n")
                        .append("a=fmtp:").append(dtmf).append(" 0-16\r\n");
            }
            sdp.append("a=ptime:20\r\n").append('a').append('=').append(direction).append("\r\n");
        }
        return new Answer(sdp.toString(), pt, codec, dtmf, remote, audio.port(), direction);
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

package org.switchboard.sip.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.media.MediaEngine;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.media.TurnLatency;
import org.switchboard.sip.internal.sdp.RtpPorts;
import org.switchboard.sip.internal.sdp.SdpAnswerer;

/**
 * A call's media session, when a media engine is present: bound before the SDP answer is written (on a port of the
 * SIP bundle's range; a port another process holds is skipped), connected when the call is answered or its SDP
 * changes, closed when the call ends. Media events reach the call once it exists.
 */
final class CallMedia implements MediaEvents {

    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);
    private static final int BIND_ATTEMPTS = 5;

    private volatile MediaSession session;
    private volatile SipCall call;

    /** An RTP port and the media session bound to it ({@code null} without a media engine). */
    record Allocation(int port, CallMedia media) {

        /** Closes the media session and gives the port back. */
        void release(RtpPorts ports) {
            if (media != null) {
                media.close();
            }
            ports.release(port);
        }
    }

    /** A port from {@code ports} and, when {@code engine} is present, a media session bound to it; null if none. */
    static Allocation allocate(RtpPorts ports, MediaEngine engine, String sessionId, String address) {
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            OptionalInt port = ports.allocate();
            if (port.isEmpty()) {
                return null;
            }
            if (engine == null) {
                return new Allocation(port.getAsInt(), null);
            }
            CallMedia m = new CallMedia();
            try {
                m.session = engine.open(sessionId, address, port.getAsInt(), m);
                return new Allocation(port.getAsInt(), m);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Session {}: RTP port {}:{} cannot be bound ({}); trying another",
                        sessionId,
                        address,
                        port.getAsInt(),
                        e.toString());
                ports.release(port.getAsInt());
            }
        }
        return null;
    }

    MediaSession session() {
        return session;
    }

    void attach(SipCall c) {
        call = c;
    }

    void connect(SdpAnswerer.Answer a) {
        session.connect(a.remoteAddress(), a.remotePort(), a.payloadType(), a.codec(), a.dtmfPayloadType(), a.srtp());
    }

    void close() {
        session.close();
    }

    @Override
    public void dtmf(char digit, int durationMs) {
        SipCall c = call;
        if (c != null) {
            c.event("media.dtmf", Map.of("digit", String.valueOf(digit), "durationMs", Integer.toString(durationMs)));
        }
    }

    @Override
    public void recording(String file) {
        SipCall c = call;
        if (c != null) {
            c.event("media.recording", Map.of("file", file));
        }
    }

    @Override
    public void turnAnswered(TurnLatency latency) {
        SipCall c = call;
        if (c != null) {
            c.event("turn.latency", latencyAttributes(latency));
        }
    }

    /** The attributes of a {@code turn.latency} event: the endpoint and each stage in whole milliseconds. */
    static Map<String, String> latencyAttributes(TurnLatency l) {
        Map<String, String> a = new java.util.LinkedHashMap<>();
        a.put("endpoint", l.endpoint());
        a.put("totalMs", Long.toString(l.total().toMillis()));
        a.put("recognitionMs", Long.toString(l.recognition().toMillis()));
        a.put("assistantMs", Long.toString(l.assistant().toMillis()));
        a.put("synthesisMs", Long.toString(l.synthesis().toMillis()));
        a.put("playoutMs", Long.toString(l.playout().toMillis()));
        return a;
    }

    @Override
    public void mediaTimeout(Duration silence) {
        SipCall c = call;
        if (c != null) {
            c.mediaTimeout(silence);
        }
    }
}

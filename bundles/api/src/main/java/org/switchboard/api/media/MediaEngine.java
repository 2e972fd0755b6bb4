package org.switchboard.api.media;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens RTP sessions. Registered by the media bundle; the SIP bundle reaches it through a dynamic reference and
 * answers calls without media (silent) while none is present.
 */
@ProviderType
public interface MediaEngine {

    /**
     * Binds a UDP socket for one call's audio.
     *
     * @param sessionId the conversation's session id (names recordings and log lines)
     * @param localAddress the address to bind (the one put in the SDP answer)
     * @param localPort the port to bind (even, from the SIP bundle's RTP range)
     * @param events receives what happens on the session (DTMF, media timeout)
     * @throws IOException when the port cannot be bound (the caller tries another)
     */
    MediaSession open(String sessionId, String localAddress, int localPort, MediaEvents events) throws IOException;
}

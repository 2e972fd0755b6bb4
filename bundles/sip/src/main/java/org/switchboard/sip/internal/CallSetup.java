package org.switchboard.sip.internal;

import java.time.Instant;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.switchboard.sip.internal.sdp.SdpAnswerer;

/**
 * What is fixed when an INVITE is accepted: identifiers, the route, the transaction to answer and the first SDP.
 *
 * @param sessionId the Switchboard session id (24 lower-case hex)
 * @param callId the SIP Call-ID
 * @param localTag Switchboard's tag (To of the INVITE)
 * @param remoteTag the peer's tag (From of the INVITE)
 * @param invite the initial INVITE
 * @param inviteTx its server transaction
 * @param transport {@code udp} or {@code tcp}
 * @param source the IP address the INVITE came from
 * @param did the dialed number, E.164-normalised
 * @param caller the caller's number or SIP user
 * @param trunkId the matched trunk
 * @param flowId the attached flow
 * @param botId the flow's bot, or {@code null}
 * @param startedAt when the INVITE arrived
 * @param answer the SDP answer sent in the 200 OK
 * @param rtpPort the local RTP port in that answer
 * @param sdpSessionId the o= session id of Switchboard's SDP
 * @param timer the negotiated session interval, or {@code null}
 * @param media the call's media session, or {@code null} when no media engine is present
 * @param srtp the trunk's SRTP policy and Switchboard's key for this call, for every answer
 * @param sipHeaders the INVITE's headers the adapter passes to the flow, bot and record
 */
record CallSetup(
        String sessionId,
        String callId,
        String localTag,
        String remoteTag,
        Request invite,
        ServerTransaction inviteTx,
        String transport,
        String source,
        String did,
        String caller,
        String trunkId,
        String flowId,
        String botId,
        Instant startedAt,
        SdpAnswerer.Answer answer,
        int rtpPort,
        long sdpSessionId,
        SessionTimer timer,
        CallMedia media,
        SdpAnswerer.SrtpPolicy srtp,
        java.util.Map<String, String> sipHeaders) {}

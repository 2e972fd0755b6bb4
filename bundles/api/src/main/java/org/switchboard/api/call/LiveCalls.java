package org.switchboard.api.call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The calls in progress, for operators (shell commands, the console): registered by the SIP bundle.
 *
 * @since 1.1
 */
@ProviderType
public interface LiveCalls {

    /**
     * One call in progress.
     *
     * @param sessionId the conversation's session id
     * @param callId the SIP Call-ID
     * @param trunkId the trunk it came in on
     * @param did the dialed number
     * @param caller the caller's number
     * @param flowId the flow running it
     * @param node the flow node it is at, or {@code null} before the flow starts
     * @param startedAt when the INVITE arrived
     * @param answered whether the 200 OK was sent
     */
    record LiveCall(
            String sessionId,
            String callId,
            String trunkId,
            String did,
            String caller,
            String flowId,
            String node,
            Instant startedAt,
            boolean answered) {}

    /** The calls in progress, oldest first. */
    List<LiveCall> calls();

    /** The call in progress with this session id (or SIP Call-ID). */
    Optional<LiveCall> find(String sessionOrCallId);

    /**
     * Ends a call from the bot side with a BYE (no handoff headers), recording {@code reason} and who asked.
     *
     * @return false when no call with that id is in progress (it ended already, or never was)
     */
    boolean hangup(String sessionOrCallId, String reason);

    /**
     * Hands a call to a human agent the way its adapter does it (ZCC: a BYE with {@code kore-reason: TransferToAgent}
     * and the configured headers, or a REFER when so configured), recording {@code reason} and who asked. The flow
     * running the call stops.
     *
     * @return false when no call with that id is in progress (it ended already, or never was)
     * @since 1.2
     */
    boolean transferToAgent(String sessionOrCallId, String reason);

    /**
     * Whether this node is draining: refusing new calls (INVITE: 503 with Retry-After; OPTIONS: 503, so that a
     * proxy in front stops sending it calls) while the calls in progress finish.
     *
     * @since 1.3
     */
    boolean draining();

    /**
     * Starts draining (see {@link #draining()}); calls in progress are not touched. Nothing when already draining.
     *
     * @since 1.3
     */
    void drain();

    /**
     * Takes new calls again after {@link #drain()}. A gateway that is stopping stays closed.
     *
     * @since 1.3
     */
    void undrain();
}

package org.switchboard.api.flow;

/**
 * The answer to "who takes this INVITE?": either a route or the reason there is none, which the SIP bundle turns
 * into a response code.
 *
 * @param status what was found
 * @param trunkId the matched trunk, or {@code null} when no trunk allows the source
 * @param adapterType the trunk's adapter type, or {@code null}
 * @param did the normalised DID
 * @param flowId the attached flow, or {@code null}
 * @param botId the bot the flow's automation uses, or {@code null}
 */
public record Resolution(Status status, String trunkId, String adapterType, String did, String flowId, String botId) {

    /** The outcome of a resolution and the SIP status it maps to. */
    public enum Status {
        /** A trunk allows the source and a flow is attached to the DID. */
        ROUTED(200),
        /** No trunk allows the source address. */
        SOURCE_NOT_ALLOWED(403),
        /** A trunk allows the source but has no such DID. */
        UNKNOWN_DID(404),
        /** The DID is known but no flow is attached to it. */
        NO_FLOW(480);

        private final int sipStatus;

        Status(int sipStatus) {
            this.sipStatus = sipStatus;
        }

        /** The SIP response code for this outcome (200 for {@link #ROUTED}). */
        public int sipStatus() {
            return sipStatus;
        }
    }
}

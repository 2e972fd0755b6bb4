package org.switchboard.api.routing;

import java.util.Objects;
import java.util.Optional;

import org.switchboard.api.adapter.ContactCenterAdapter;
import org.switchboard.api.store.TrunkRecord;

/**
 * The answer to "who takes this call?": a route or the reason there is none, which the SIP bundle turns into a
 * response code.
 *
 * @param outcome what was found
 * @param trunk the trunk that allows the source, or {@code null} when none does
 * @param did the normalised DID
 * @param flowId the attached flow, or {@code null} unless {@link Outcome#ROUTED}
 * @param botId the bot the flow's automation uses, or {@code null}
 * @param adapter the adapter of the trunk's type with the highest service ranking, or {@code null} when none is
 *        present now (its bundle being updated, say)
 */
public record CallRoute(
        Outcome outcome, TrunkRecord trunk, String did, String flowId, String botId, ContactCenterAdapter adapter) {

    /** What routing found, and the SIP status it maps to. */
    public enum Outcome {
        /** A trunk allows the source and a flow is attached to the DID. */
        ROUTED(200),
        /** No trunk allows the source address. */
        SOURCE_NOT_ALLOWED(403),
        /** A trunk allows the source but has no such DID. */
        UNKNOWN_DID(404),
        /** The DID is known but no flow is attached to it. */
        NO_FLOW(480);

        private final int sipStatus;

        Outcome(int sipStatus) {
            this.sipStatus = sipStatus;
        }

        /** The SIP response code for this outcome (200 for {@link #ROUTED}). */
        public int sipStatus() {
            return sipStatus;
        }
    }

    /** Checks that a route names its trunk and flow and that only a route has a flow. */
    public CallRoute {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != Outcome.SOURCE_NOT_ALLOWED && trunk == null) {
            throw new IllegalArgumentException(outcome + " needs the trunk");
        }
        if ((outcome == Outcome.ROUTED) != (flowId != null)) {
            throw new IllegalArgumentException(outcome + (flowId == null ? " needs" : " has no") + " flow");
        }
    }

    /** No trunk allows {@code source}. */
    public static CallRoute notAllowed(String did) {
        return new CallRoute(Outcome.SOURCE_NOT_ALLOWED, null, did, null, null, null);
    }

    /** The trunk's id, or {@code null} when no trunk allows the source. */
    public String trunkId() {
        return trunk == null ? null : trunk.id();
    }

    /** The adapter type the trunk names, or {@code null} when no trunk allows the source. */
    public String adapterType() {
        return trunk == null ? null : trunk.adapter();
    }

    /** The adapter, when one of the trunk's type is present. */
    public Optional<ContactCenterAdapter> presentAdapter() {
        return Optional.ofNullable(adapter);
    }

    /** This route with {@code adapter}. */
    public CallRoute withAdapter(ContactCenterAdapter adapter) {
        return new CallRoute(outcome, trunk, did, flowId, botId, adapter);
    }
}

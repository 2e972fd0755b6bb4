package org.switchboard.api.store;

import java.util.Objects;

/**
 * A flow attached to a DID on a trunk: calls from that trunk to that number run that flow.
 *
 * @param trunkId the trunk
 * @param did the DID, E.164-normalised with a leading {@code +}
 * @param flowId the flow
 */
public record FlowAttachment(String trunkId, String did, String flowId) {

    /** Checks that every part is present. */
    public FlowAttachment {
        Objects.requireNonNull(trunkId, "trunkId");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(flowId, "flowId");
    }
}

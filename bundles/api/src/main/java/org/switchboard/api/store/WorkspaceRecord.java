package org.switchboard.api.store;

import java.util.List;

import org.switchboard.api.flow.FlowAttachment;

/**
 * A whole workspace as stored, in document order (the order matters: an INVITE resolves to the first trunk that
 * allows its source).
 *
 * @param trunks the trunks
 * @param flows the flows
 * @param attachments the attachments of flows to (trunk, DID)
 */
public record WorkspaceRecord(List<TrunkRecord> trunks, List<FlowRecord> flows, List<FlowAttachment> attachments) {

    /** Copies the lists. */
    public WorkspaceRecord {
        trunks = trunks == null ? List.of() : List.copyOf(trunks);
        flows = flows == null ? List.of() : List.copyOf(flows);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}

package org.switchboard.api.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole workspace as stored, in document order (the order matters: an INVITE resolves to the first trunk that
 * allows its source).
 *
 * @param trunks the trunks
 * @param flows the flows
 * @param attachments the attachments of flows to (trunk, DID)
 * @param headerSets named agent-transfer header sets (set name to header name to value), in document order
 */
public record WorkspaceRecord(
        List<TrunkRecord> trunks,
        List<FlowRecord> flows,
        List<FlowAttachment> attachments,
        Map<String, Map<String, String>> headerSets) {

    /** Copies the lists and the header sets, keeping their order. */
    public WorkspaceRecord {
        trunks = trunks == null ? List.of() : List.copyOf(trunks);
        flows = flows == null ? List.of() : List.copyOf(flows);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        if (headerSets != null) {
            headerSets.forEach(
                    (name, headers) -> sets.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(headers))));
        }
        headerSets = Collections.unmodifiableMap(sets);
    }

    /** A workspace without header sets. */
    public WorkspaceRecord(List<TrunkRecord> trunks, List<FlowRecord> flows, List<FlowAttachment> attachments) {
        this(trunks, flows, attachments, Map.of());
    }
}

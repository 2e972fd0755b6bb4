package org.switchboard.flow.internal.model;

/**
 * One thing wrong with a document: where (a JSON path such as {@code flows[0].nodes[2].next.match}), the node it
 * concerns (or {@code null}), and why.
 */
public record Problem(String path, String nodeId, String reason) {

    @Override
    public String toString() {
        return path + (nodeId == null ? "" : " (node '" + nodeId + "')") + ": " + reason;
    }
}

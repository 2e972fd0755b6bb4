package org.switchboard.api.cluster;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster this gateway belongs to, as the shared store sees it: registered by the store bundle. A gateway on
 * its own is a cluster of one node.
 */
@ProviderType
public interface Cluster {

    /** This node's id. */
    String localNodeId();

    /** Every node that ever used this database, this one first, then by id. */
    List<NodeInfo> nodes();

    /**
     * Carries out an operator's action on a call in progress, on whichever node holds it: at once when it is this
     * node, else through the shared database, waiting a few seconds for the holding node to answer. Blocks the caller
     * meanwhile.
     *
     * @param sessionOrCallId the call's session id (or SIP Call-ID)
     * @param reason why, recorded with the call's end
     */
    ActionResult act(String sessionOrCallId, CallAction action, String reason);

    /** The node with this id. */
    default Optional<NodeInfo> node(String id) {
        return nodes().stream().filter(n -> n.id().equals(id)).findFirst();
    }
}

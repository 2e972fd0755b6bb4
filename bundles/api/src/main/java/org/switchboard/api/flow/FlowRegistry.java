package org.switchboard.api.flow;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.api.store.FlowAttachment;

/**
 * The flow-attachment registry: the workspace in force (trunks, flows, bots), which flow answers which DID on which
 * trunk, and its import and export. Routing a call over it is {@code org.switchboard.api.routing.CallRouting}. One
 * instance is registered as an OSGi service by the flow bundle; reach it with a DS reference.
 */
@ProviderType
public interface FlowRegistry {

    /** All attachments, in trunk then DID order. */
    List<FlowAttachment> attachments();

    /**
     * Attaches a flow to a DID on a trunk, replacing any earlier attachment of that DID.
     *
     * @throws IllegalArgumentException when the trunk, DID or flow does not exist
     */
    void attach(FlowAttachment attachment);

    /** Detaches whatever flow is attached to {@code did} on {@code trunkId}; returns whether one was. */
    boolean detach(String trunkId, String did);

    /**
     * The workspace in force as a JSON document ({@code bots}, {@code trunks}, {@code flows}, {@code attachments}),
     * in the format {@link #importWorkspace} takes. A workspace holds no secrets.
     */
    String exportWorkspace();

    /**
     * Checks a workspace document without applying it.
     *
     * @return every problem, each as {@code <path> [node <id>]: <reason>}; empty when the document is valid
     */
    List<String> checkWorkspace(String document);

    /**
     * Replaces the workspace in force with a document, all or nothing: when it has any problem nothing changes.
     * Calls in progress keep the flow they started with.
     *
     * @return every problem, as {@link #checkWorkspace}; empty when the document was imported
     */
    List<String> importWorkspace(String document);
}

package org.switchboard.api.store;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the workspace's business data is kept between restarts: registered by the store bundle, used by the flow
 * registry (which validates everything before it is saved). Every change is one transaction.
 */
@ProviderType
public interface WorkspaceRepository {

    /** The stored workspace, or empty when none was ever saved. */
    Optional<WorkspaceRecord> load();

    /** Replaces everything stored with {@code workspace}, atomically; marks the stored workspace edited. */
    void replace(WorkspaceRecord workspace);

    /**
     * Replaces everything stored with {@code workspace} imported from a workspace file whose content has the SHA-256
     * {@code fileHash}, and records that as its {@link #source()}, atomically.
     */
    void replace(WorkspaceRecord workspace, String fileHash);

    /** The file the stored workspace was last imported from, or empty when it never came from a file. */
    Optional<WorkspaceSource> source();

    /** Stores an attachment, replacing the one for its (trunk, DID); marks the stored workspace edited. */
    void attach(FlowAttachment attachment);

    /** Removes the attachment for (trunk, DID); returns whether there was one; marks the stored workspace edited. */
    boolean detach(String trunkId, String did);

    /**
     * The revision of the stored workspace: a number that every change ({@link #replace}, {@link #attach},
     * {@link #detach}) increases, on whichever node of a cluster made it. Reading it is one cheap query, so a node
     * polls it to learn that another node changed the workspace.
     *
     * @since 1.4
     */
    long revision();
}

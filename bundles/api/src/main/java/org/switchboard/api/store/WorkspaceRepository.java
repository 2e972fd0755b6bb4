package org.switchboard.api.store;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.api.flow.FlowAttachment;

/**
 * Where the workspace's business data is kept between restarts: registered by the store bundle, used by the flow
 * registry (which validates everything before it is saved). Every change is one transaction.
 */
@ProviderType
public interface WorkspaceRepository {

    /** The stored workspace, or empty when none was ever saved. */
    Optional<WorkspaceRecord> load();

    /** Replaces everything stored with {@code workspace}, atomically. */
    void replace(WorkspaceRecord workspace);

    /** Stores an attachment, replacing the one for its (trunk, DID). */
    void attach(FlowAttachment attachment);

    /** Removes the attachment for (trunk, DID); returns whether there was one. */
    boolean detach(String trunkId, String did);
}

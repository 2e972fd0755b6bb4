package org.switchboard.flow.internal.routing;

import org.switchboard.flow.internal.workspace.Workspace;

/**
 * What the call router takes from the workspace registry (a service inside this bundle): the snapshot in force. A
 * change replaces the snapshot, so comparing two by identity says whether the workspace changed.
 */
public interface WorkspaceInForce {

    /** The workspace in force now. */
    Workspace current();
}

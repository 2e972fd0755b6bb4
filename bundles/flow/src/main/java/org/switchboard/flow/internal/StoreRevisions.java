package org.switchboard.flow.internal;

import org.switchboard.api.store.WorkspaceRepository;

/**
 * The stored workspace's revision as this node last knew it: a revision that moved past it means another node
 * changed the workspace. A change this node makes moves the revision by exactly one; when nothing else moved it
 * before or during that change, it is taken as known, so a node does not reload its own writes.
 */
final class StoreRevisions {

    private long known = -1;

    /** Whether {@code revision} differs from the one known (the first one read counts as moved); it is known now. */
    synchronized boolean moved(long revision) {
        if (revision == known) {
            return false;
        }
        known = revision;
        return true;
    }

    /** This node changed the workspace: the revision was {@code before} and is {@code after} (-1: unreadable). */
    synchronized void wrote(long before, long after) {
        if (before >= 0 && before == known && after == before + 1) {
            known = after;
        }
    }

    /** The revision read just before this node first synchronized with the store, unless one is known already. */
    synchronized void baseline(long revision) {
        if (known < 0) {
            known = revision;
        }
    }

    /** The next revision read counts as moved (reading the workspace it names failed). */
    synchronized void forget() {
        known = -1;
    }

    /** Runs a change of the stored workspace, noting its revision as this node's own when nothing came between. */
    void writing(WorkspaceRepository r, Runnable write) {
        long before = read(r);
        write.run();
        wrote(before, read(r));
    }

    /** The stored revision, or -1 when it cannot be read. */
    static long read(WorkspaceRepository r) {
        try {
            return r.revision();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

package org.switchboard.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the stored workspace came from: the workspace file whose content (SHA-256, hex) was last imported, when,
 * and whether the stored workspace has been changed since by other means (the admin API, attach and detach). A
 * file is imported again only when its content differs from {@code fileHash}, so such changes survive a restart.
 *
 * @param fileHash SHA-256 of the imported file's bytes, lower-case hex
 * @param importedAt when it was imported
 * @param editedSince whether the stored workspace was changed after that import
 */
public record WorkspaceSource(String fileHash, Instant importedAt, boolean editedSince) {

    /** Checks the fields. */
    public WorkspaceSource {
        Objects.requireNonNull(fileHash, "fileHash");
        Objects.requireNonNull(importedAt, "importedAt");
    }
}

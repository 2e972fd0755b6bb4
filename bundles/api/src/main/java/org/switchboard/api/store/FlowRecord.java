package org.switchboard.api.store;

import java.util.Objects;

/**
 * A stored flow: its identifiers and its JSON document (DESIGN.md section 5), kept exactly as validated.
 *
 * @param id unique id
 * @param name display name
 * @param botId the bot answering its calls, or {@code null}
 * @param document the flow's JSON document
 */
public record FlowRecord(String id, String name, String botId, String document) {

    /** Checks that every required part is present. */
    public FlowRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}

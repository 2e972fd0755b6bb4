package org.switchboard.api.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * One node of the cluster as the shared database last saw it.
 *
 * @param id the node id (recorded on every session the node holds)
 * @param state {@link #ACTIVE}, {@link #DRAINING}, {@link #STOPPED} or {@link #LOST}
 * @param startedAt when its current process started
 * @param lastSeen its last heartbeat
 * @param calls the calls it held at its last heartbeat
 * @param sipAddress where it answers SIP ({@code host:port}), or {@code null}
 * @param httpAddress where its console and APIs are ({@code host:port}), or {@code null}
 * @param local whether this is the node answering
 */
public record NodeInfo(
        String id,
        String state,
        Instant startedAt,
        Instant lastSeen,
        int calls,
        String sipAddress,
        String httpAddress,
        boolean local) {

    /** Takes calls. */
    public static final String ACTIVE = "active";
    /** Refuses new calls while those in progress finish. */
    public static final String DRAINING = "draining";
    /** Stopped cleanly. */
    public static final String STOPPED = "stopped";
    /** Stopped heartbeating without stopping cleanly (killed, crashed, cut off); its open sessions were closed. */
    public static final String LOST = "lost";

    /** Checks the fields. */
    public NodeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** Whether the node is running (active or draining). */
    public boolean running() {
        return ACTIVE.equals(state) || DRAINING.equals(state);
    }
}

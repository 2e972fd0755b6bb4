package org.switchboard.api.cluster;

import java.util.Objects;

/**
 * What became of an operator's action on a call.
 *
 * @param outcome what happened
 * @param nodeId the node that holds (or held) the call, or {@code null} when no such call was ever recorded
 * @param message a sentence for the operator
 */
public record ActionResult(Outcome outcome, String nodeId, String message) {

    /** What happened to an action. */
    public enum Outcome {
        /** The node holding the call carried it out. */
        DONE,
        /** No call with that id is in progress (it ended, or never was). */
        NO_SUCH_CALL,
        /** The node holding the call is down (lost or stopped): the call ended with it. */
        NODE_DOWN,
        /** The node holding the call did not take the action in time. */
        NO_ANSWER
    }

    /** Checks the fields. */
    public ActionResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }
}

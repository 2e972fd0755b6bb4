package org.switchboard.api.cluster;

/** What an operator asks of a call in progress, on whichever node holds it. */
public enum CallAction {
    /** End it with a BYE from the bot side (the adapter's hang-up headers). */
    HANG_UP,
    /** Hand it to a human agent the way its adapter does it (ZCC: BYE with kore-reason: TransferToAgent, or REFER). */
    TRANSFER_TO_AGENT
}

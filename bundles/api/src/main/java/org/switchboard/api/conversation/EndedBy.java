package org.switchboard.api.conversation;

/** Who or what ended a conversation. */
public enum EndedBy {
    /** The caller hung up (BYE from the contact center). */
    CALLER,
    /** The bot ended a resolved call (BYE with {@code kore-reason: HangUp}). */
    BOT,
    /** The call was handed to an agent (BYE with {@code kore-reason: TransferToAgent}, or REFER). */
    TRANSFER,
    /** A fault ended the call (media timeout, transaction timeout, flow error). */
    ERROR,
    /**
     * The gateway itself ended the call: it was stopping (the call got the adapter's hang-up BYE), or the node that
     * held the call stopped without ending it (a crash) and the record was closed when it started again.
     *
     * @since 1.1
     */
    SYSTEM
}

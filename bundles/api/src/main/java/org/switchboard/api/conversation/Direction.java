package org.switchboard.api.conversation;

/** Which way a turn or message went, seen from Switchboard. */
public enum Direction {
    /** From the caller or the contact center to Switchboard. */
    INCOMING,
    /** From Switchboard to the caller or the contact center. */
    OUTGOING
}

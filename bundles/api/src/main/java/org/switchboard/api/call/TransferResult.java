package org.switchboard.api.call;

/**
 * The outcome of a {@link CallControl#transfer(Handoff)}.
 *
 * @param success {@code true} when the peer accepted the handoff (BYE answered, or REFER followed by a 2xx
 *        final NOTIFY)
 * @param status the final SIP status seen (the BYE's response, or the NOTIFY sipfrag's status); 0 when none
 *        arrived
 * @param reason a human-readable reason, e.g. {@code "NOTIFY timeout after 15 s"}
 */
public record TransferResult(boolean success, int status, String reason) {}

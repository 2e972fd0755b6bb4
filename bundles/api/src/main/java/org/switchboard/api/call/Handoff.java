package org.switchboard.api.call;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a call leaves Switchboard: a BYE carrying headers (the contact center routes on them) or a REFER to a
 * target. Built by a {@link org.switchboard.api.adapter.CallPolicy} and carried out by {@link CallControl}.
 *
 * @param method {@link Method#BYE} or {@link Method#REFER}
 * @param referTo the REFER target (a number, which becomes {@code sip:<number>@<peer host>}, or a SIP URI);
 *        {@code null} for BYE
 * @param headers the SIP headers to add, in order; names are SIP tokens, values single-line
 * @param reason why the call leaves, in the contact center's words, recorded as the conversation's end reason (ZCC:
 *        {@code TransferToAgent}, {@code HangUp}); {@code null} lets the gateway name it (since 1.4)
 * @param referToHeaders headers to embed in the Refer-To URI (RFC 3261 section 19.1.1), which the transferor copies
 *        into the INVITE it sends to the target: how Genesys Cloud, for one, takes {@code User-to-User} data on a
 *        transfer. Values are given unescaped; the gateway escapes them. Empty for a BYE (since 1.5)
 */
public record Handoff(
        Method method, String referTo, Map<String, String> headers, String reason, Map<String, String> referToHeaders) {

    /** A handoff without a reason of the adapter's own. */
    public Handoff(Method method, String referTo, Map<String, String> headers) {
        this(method, referTo, headers, null);
    }

    /** A handoff with nothing in its Refer-To URI (the form of version 1.4 of this package). */
    public Handoff(Method method, String referTo, Map<String, String> headers, String reason) {
        this(method, referTo, headers, reason, Map.of());
    }

    /** The SIP method a handoff uses. */
    public enum Method {
        /** End the dialog with a BYE; the headers tell the peer why. */
        BYE,
        /** Ask the peer to transfer the caller (RFC 3515). */
        REFER
    }

    /** Checks that a REFER has a target, that only a REFER embeds headers, and keeps the header order. */
    public Handoff {
        Objects.requireNonNull(method, "method");
        if (method == Method.REFER && (referTo == null || referTo.isBlank())) {
            throw new IllegalArgumentException("a REFER handoff needs a referTo target");
        }
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        referToHeaders = referToHeaders == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(referToHeaders));
        if (method == Method.BYE && !referToHeaders.isEmpty()) {
            throw new IllegalArgumentException("a BYE handoff has no Refer-To URI to embed headers in");
        }
    }

    /** A BYE with the given headers. */
    public static Handoff bye(Map<String, String> headers) {
        return new Handoff(Method.BYE, null, headers);
    }

    /** A BYE with the given headers and the reason to record (since 1.4). */
    public static Handoff bye(Map<String, String> headers, String reason) {
        return new Handoff(Method.BYE, null, headers, reason);
    }

    /** A REFER to {@code referTo} with the given headers. */
    public static Handoff refer(String referTo, Map<String, String> headers) {
        return new Handoff(Method.REFER, referTo, headers);
    }

    /** A REFER to {@code referTo} with the given headers and headers embedded in its Refer-To URI (since 1.5). */
    public static Handoff refer(String referTo, Map<String, String> headers, Map<String, String> referToHeaders) {
        return new Handoff(Method.REFER, referTo, headers, null, referToHeaders);
    }
}

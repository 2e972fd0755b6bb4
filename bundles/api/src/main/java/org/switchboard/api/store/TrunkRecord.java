package org.switchboard.api.store;

import java.util.List;
import java.util.Objects;

/**
 * A stored trunk ("Transfer from IVR" configuration), in the workspace document's terms.
 *
 * @param id unique id
 * @param name display name, or {@code null}
 * @param adapter the contact-center adapter type, e.g. {@code zcc}
 * @param peers allowed source addresses and CIDR blocks, as written
 * @param fqdn a host name whose addresses are also allowed, or {@code null}
 * @param resolve how the FQDN is resolved: {@code a} or {@code srv}
 * @param dids the DIDs, E.164-normalised with a leading {@code +}
 * @param inbound whether calls from the contact center are accepted
 * @param outbound whether Switchboard may send REFERs or calls to it
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param sipUri the SIP URI shown for the contact center to dial, or {@code null}
 * @param maxCalls the most calls from this trunk in progress at once; 0: no limit of the trunk's own
 * @param maxCallsPerSecond the most new calls per second from this trunk; 0: no limit of the trunk's own
 * @param srtp {@code optional} (SRTP when the peer offers it, else plain RTP) or {@code required} (an offer
 *        without SRTP is refused); {@code null} reads as {@code optional}
 * @param auth the digest authentication the trunk's peer must pass, or {@code null} when its address is enough
 */
public record TrunkRecord(
        String id,
        String name,
        String adapter,
        List<String> peers,
        String fqdn,
        String resolve,
        List<String> dids,
        boolean inbound,
        boolean outbound,
        String transport,
        String sipUri,
        int maxCalls,
        int maxCallsPerSecond,
        String srtp,
        TrunkAuth auth) {

    /** SRTP when the peer offers it. */
    public static final String SRTP_OPTIONAL = "optional";
    /** Only calls whose offer has SRTP. */
    public static final String SRTP_REQUIRED = "required";

    /** Checks the identifiers and limits and copies the lists. */
    public TrunkRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(transport, "transport");
        if (maxCalls < 0 || maxCallsPerSecond < 0) {
            throw new IllegalArgumentException("trunk " + id + ": limits must be 0 (none) or positive");
        }
        srtp = srtp == null ? SRTP_OPTIONAL : srtp;
        if (!srtp.equals(SRTP_OPTIONAL) && !srtp.equals(SRTP_REQUIRED)) {
            throw new IllegalArgumentException("trunk " + id + ": srtp must be optional or required, not " + srtp);
        }
        resolve = resolve == null ? "a" : resolve;
        peers = peers == null ? List.of() : List.copyOf(peers);
        dids = dids == null ? List.of() : List.copyOf(dids);
    }

    /** A trunk without limits of its own (the form of version 1.0 of this package). */
    public TrunkRecord(
            String id,
            String name,
            String adapter,
            List<String> peers,
            String fqdn,
            String resolve,
            List<String> dids,
            boolean inbound,
            boolean outbound,
            String transport,
            String sipUri) {
        this(id, name, adapter, peers, fqdn, resolve, dids, inbound, outbound, transport, sipUri, 0, 0);
    }

    /** A trunk with SRTP optional (the form of version 1.1 of this package). */
    public TrunkRecord(
            String id,
            String name,
            String adapter,
            List<String> peers,
            String fqdn,
            String resolve,
            List<String> dids,
            boolean inbound,
            boolean outbound,
            String transport,
            String sipUri,
            int maxCalls,
            int maxCallsPerSecond) {
        this(
                id,
                name,
                adapter,
                peers,
                fqdn,
                resolve,
                dids,
                inbound,
                outbound,
                transport,
                sipUri,
                maxCalls,
                maxCallsPerSecond,
                SRTP_OPTIONAL);
    }

    /** A trunk without digest authentication (the form of version 1.2 of this package). */
    public TrunkRecord(
            String id,
            String name,
            String adapter,
            List<String> peers,
            String fqdn,
            String resolve,
            List<String> dids,
            boolean inbound,
            boolean outbound,
            String transport,
            String sipUri,
            int maxCalls,
            int maxCallsPerSecond,
            String srtp) {
        this(
                id,
                name,
                adapter,
                peers,
                fqdn,
                resolve,
                dids,
                inbound,
                outbound,
                transport,
                sipUri,
                maxCalls,
                maxCallsPerSecond,
                srtp,
                null);
    }

    /** Whether calls from this trunk must use SRTP. */
    public boolean srtpRequired() {
        return SRTP_REQUIRED.equals(srtp);
    }
}

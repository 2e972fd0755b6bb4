package org.switchboard.flow.internal.workspace;

import java.util.List;
import java.util.Set;

import org.switchboard.api.store.TrunkAuth;
import org.switchboard.api.store.TrunkRecord;

/**
 * A "Transfer from IVR" configuration: a contact center's SIP peer and the DIDs it sends.
 *
 * @param id unique id, referenced by attachments
 * @param name display name
 * @param adapter the contact-center adapter type, e.g. {@code zcc}
 * @param peers address blocks allowed to send INVITEs
 * @param fqdn a host name whose addresses are also allowed (re-resolved periodically), or {@code null}
 * @param resolve how the FQDN is resolved: {@code a} (its A/AAAA records) or {@code srv} (the targets of its SIP SRV
 *        records for the trunk's transport, then their A/AAAA records)
 * @param dids the DIDs, E.164-normalised
 * @param inbound whether calls from the contact center are accepted
 * @param outbound whether Switchboard may send calls/REFERs to it
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param sipUri the SIP URI Switchboard shows for the contact center to dial
 * @param maxCalls the most calls in progress at once from this trunk (0: none of its own)
 * @param maxCallsPerSecond the most new calls per second from this trunk (0: none of its own)
 * @param srtp {@code optional} or {@code required}
 * @param auth the digest authentication its peer must pass, or {@code null}
 */
public record Trunk(
        String id,
        String name,
        String adapter,
        List<Cidr> peers,
        String fqdn,
        String resolve,
        Set<String> dids,
        boolean inbound,
        boolean outbound,
        String transport,
        String sipUri,
        int maxCalls,
        int maxCallsPerSecond,
        String srtp,
        TrunkAuth auth) {

    /** Copies the collections. */
    public Trunk {
        peers = List.copyOf(peers);
        dids = Set.copyOf(dids);
    }

    /** This trunk as the API and a workspace document list it. */
    public TrunkRecord toRecord() {
        return new TrunkRecord(
                id,
                name,
                adapter,
                peers.stream().map(Cidr::text).toList(),
                fqdn,
                resolve,
                dids.stream().sorted().toList(),
                inbound,
                outbound,
                transport,
                sipUri,
                maxCalls,
                maxCallsPerSecond,
                srtp,
                auth);
    }
}

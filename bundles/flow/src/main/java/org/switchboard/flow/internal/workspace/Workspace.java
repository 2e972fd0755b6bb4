package org.switchboard.flow.internal.workspace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.routing.CallRoute.Outcome;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.flow.internal.model.Flow;

/**
 * An immutable snapshot of the business configuration that routes calls: trunks, flows and the attachments of
 * flows to (trunk, DID). Changes produce a new snapshot, so a call always resolves against one consistent state.
 */
public final class Workspace {

    /** Nothing configured: every INVITE is refused as coming from an unknown source. */
    public static final Workspace EMPTY = new Workspace(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<String, BotSpec> bots;
    private final Map<String, Map<String, String>> headerSets;
    private final Map<String, Trunk> trunks;
    /** The trunks as routes carry them, made once per snapshot rather than once per INVITE. */
    private final Map<String, TrunkRecord> trunkRecords = new java.util.HashMap<>();

    private final Map<String, Flow> flows;
    private final Map<String, FlowAttachment> attachments;

    Workspace(
            Map<String, BotSpec> bots,
            Map<String, Map<String, String>> headerSets,
            Map<String, Trunk> trunks,
            Map<String, Flow> flows,
            Map<String, FlowAttachment> attachments) {
        this.bots = Collections.unmodifiableMap(new LinkedHashMap<>(bots));
        this.headerSets = Collections.unmodifiableMap(new LinkedHashMap<>(headerSets));
        this.trunks = Collections.unmodifiableMap(new LinkedHashMap<>(trunks));
        this.trunks.values().forEach(t -> trunkRecords.put(t.id(), t.toRecord()));
        this.flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows));
        this.attachments = Collections.unmodifiableMap(new LinkedHashMap<>(attachments));
    }

    static String key(String trunkId, String did) {
        return trunkId + "|" + did;
    }

    /** The bots the workspace declares, by id (empty when it has no {@code bots} list). */
    public Map<String, BotSpec> bots() {
        return bots;
    }

    /** Named agent-transfer header sets, by name, for the {@code headerSet} setting of transfer and hang-up nodes. */
    public Map<String, Map<String, String>> headerSets() {
        return headerSets;
    }

    public Map<String, Trunk> trunks() {
        return trunks;
    }

    public Map<String, Flow> flows() {
        return flows;
    }

    /** The attachments in trunk then DID order. */
    public List<FlowAttachment> attachments() {
        List<FlowAttachment> list = new ArrayList<>(attachments.values());
        list.sort((a, b) -> a.trunkId().equals(b.trunkId())
                ? a.did().compareTo(b.did())
                : a.trunkId().compareTo(b.trunkId()));
        return list;
    }

    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(flows.get(id));
    }

    /**
     * Resolves an INVITE: the first inbound trunk (in document order) that allows the source and has the DID.
     *
     * @param fqdnAddresses the current addresses of a trunk's FQDN, by trunk
     */
    public CallRoute resolve(InetAddress source, String rawDid, Function<Trunk, List<InetAddress>> fqdnAddresses) {
        String did = Did.normalize(rawDid).orElse(rawDid);
        Trunk allowed = null;
        for (Trunk t : trunks.values()) {
            if (!t.inbound() || !allows(t, source, fqdnAddresses)) {
                continue;
            }
            if (allowed == null) {
                allowed = t;
            }
            if (t.dids().contains(did)) {
                FlowAttachment a = attachments.get(key(t.id(), did));
                if (a == null) {
                    return new CallRoute(Outcome.NO_FLOW, trunkRecords.get(t.id()), did, null, null, null);
                }
                Flow f = flows.get(a.flowId());
                return new CallRoute(Outcome.ROUTED, trunkRecords.get(t.id()), did, f.id(), f.botId(), null);
            }
        }
        if (allowed == null) {
            return CallRoute.notAllowed(did);
        }
        return new CallRoute(Outcome.UNKNOWN_DID, trunkRecords.get(allowed.id()), did, null, null, null);
    }

    /** Whether any inbound trunk takes calls from {@code source}. */
    public boolean admits(InetAddress source, Function<Trunk, List<InetAddress>> fqdnAddresses) {
        for (Trunk t : trunks.values()) {
            if (t.inbound() && allows(t, source, fqdnAddresses)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allows(Trunk t, InetAddress source, Function<Trunk, List<InetAddress>> fqdnAddresses) {
        for (Cidr c : t.peers()) {
            if (c.contains(source)) {
                return true;
            }
        }
        return t.fqdn() != null && fqdnAddresses.apply(t).contains(source);
    }

    /** A copy with {@code attachment} added or replacing the one for its (trunk, DID). */
    public Workspace attach(FlowAttachment attachment) {
        Trunk t = trunks.get(attachment.trunkId());
        if (t == null) {
            throw new IllegalArgumentException("no trunk '" + attachment.trunkId() + "'");
        }
        String did = Did.normalize(attachment.did())
                .orElseThrow(() -> new IllegalArgumentException("'" + attachment.did() + "' is not a phone number"));
        if (!t.dids().contains(did)) {
            throw new IllegalArgumentException("trunk '" + t.id() + "' has no DID " + did);
        }
        if (!flows.containsKey(attachment.flowId())) {
            throw new IllegalArgumentException("no flow '" + attachment.flowId() + "'");
        }
        Map<String, FlowAttachment> copy = new LinkedHashMap<>(attachments);
        copy.put(key(t.id(), did), new FlowAttachment(t.id(), did, attachment.flowId()));
        return new Workspace(bots, headerSets, trunks, flows, copy);
    }

    /** A copy without the attachment of {@code did} on {@code trunkId}, or this when there is none. */
    public Workspace detach(String trunkId, String did) {
        String k = key(trunkId, Did.normalize(did).orElse(did));
        if (!attachments.containsKey(k)) {
            return this;
        }
        Map<String, FlowAttachment> copy = new LinkedHashMap<>(attachments);
        copy.remove(k);
        return new Workspace(bots, headerSets, trunks, flows, copy);
    }
}

package org.switchboard.shell.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.cluster.ActionResult;
import org.switchboard.api.cluster.CallAction;
import org.switchboard.api.cluster.Cluster;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.ConversationSummaries;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.flow.FlowRegistry;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;

/**
 * The {@code sb:} Gogo commands. Each service it uses may be absent (its bundle stopped or updating): the command
 * then says which part is missing instead of failing.
 */
@Component(
        service = SwitchboardCommands.class,
        property = {
            "osgi.command.scope=sb",
            "osgi.command.function=calls",
            "osgi.command.function=hangup",
            "osgi.command.function=trunks",
            "osgi.command.function=flows",
            "osgi.command.function=attach",
            "osgi.command.function=detach",
            "osgi.command.function=sessions",
            "osgi.command.function=session"
        })
public final class SwitchboardCommands {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardCommands.class);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LiveCalls live;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FlowRegistry flows;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WorkspaceRepository workspace;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConversationStore store;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConversationSummaries summaries;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Cluster cluster;

    @Descriptor("list the calls in progress: session, DID, caller, flow and node, duration")
    public String calls() {
        LiveCalls l = live;
        if (l == null) {
            return "The SIP bundle is not running: no calls are known.";
        }
        List<LiveCalls.LiveCall> all = l.calls();
        if (all.isEmpty()) {
            return "No calls in progress.";
        }
        Text t = new Text("SESSION", "TRUNK", "DID", "CALLER", "FLOW", "NODE", "ANSWERED", "DURATION");
        for (LiveCalls.LiveCall c : all) {
            t.row(
                    c.sessionId(),
                    c.trunkId(),
                    c.did(),
                    c.caller(),
                    c.flowId(),
                    c.node(),
                    c.answered() ? "yes" : "no",
                    Text.duration(c.startedAt(), null));
        }
        return t.toString() + all.size() + " call(s) in progress.";
    }

    @Descriptor("end a call in progress with a BYE from the bot side, on whichever node of the cluster holds it")
    public String hangup(@Descriptor("the session id (or SIP Call-ID) of the call, from sb:calls") String session) {
        LiveCalls l = live;
        if (l != null && l.hangup(session, "sb:hangup from the shell")) {
            LOG.info("Shell: call {} hung up by sb:hangup", Text.clean(session));
            return "Hanging up " + Text.clean(session) + ".";
        }
        Cluster c = cluster;
        if (c != null) {
            ActionResult r = c.act(session, CallAction.HANG_UP, "sb:hangup from the shell");
            if (r.outcome() == ActionResult.Outcome.DONE) {
                LOG.info("Shell: call {} on node {} hung up by sb:hangup", Text.clean(session), r.nodeId());
            }
            if (r.outcome() != ActionResult.Outcome.NO_SUCH_CALL) {
                return Text.clean(r.message()) + ".";
            }
        } else if (l == null) {
            return "The SIP bundle is not running: no calls are known.";
        }
        return "No call in progress has the id '" + Text.clean(session) + "' (it may have ended already).";
    }

    @Descriptor("list the trunks: adapter, peers, DIDs and the flow attached to each")
    public String trunks() {
        Optional<WorkspaceRecord> w = workspaceRecord();
        if (w.isEmpty()) {
            return "No workspace is stored (is the store running?).";
        }
        Text t = new Text("TRUNK", "ADAPTER", "PEERS", "DID", "FLOW");
        for (TrunkRecord tr : w.get().trunks()) {
            String peers = tr.fqdn() != null ? tr.fqdn() : String.join(",", tr.peers());
            if (tr.dids().isEmpty()) {
                t.row(tr.id(), tr.adapter(), peers, "-", "-");
            }
            for (String did : tr.dids()) {
                String flow = w.get().attachments().stream()
                        .filter(a -> a.trunkId().equals(tr.id()) && a.did().equals(did))
                        .map(FlowAttachment::flowId)
                        .findFirst()
                        .orElse("(none)");
                t.row(tr.id(), tr.adapter(), peers, did, flow);
            }
        }
        return t.toString();
    }

    @Descriptor("list the flows of the workspace and the DIDs they answer")
    public String flows() {
        Optional<WorkspaceRecord> w = workspaceRecord();
        if (w.isEmpty()) {
            return "No workspace is stored (is the store running?).";
        }
        Text t = new Text("FLOW", "NAME", "BOT", "ATTACHED TO");
        w.get()
                .flows()
                .forEach(f -> t.row(
                        f.id(),
                        f.name(),
                        f.botId(),
                        String.join(
                                ", ",
                                w.get().attachments().stream()
                                        .filter(a -> a.flowId().equals(f.id()))
                                        .map(a -> a.trunkId() + " " + a.did())
                                        .toList())));
        return t.toString();
    }

    @Descriptor("attach a flow to a DID of a trunk (replacing the flow attached there)")
    public String attach(
            @Descriptor("trunk id") String trunk,
            @Descriptor("DID, e.g. +15550100") String did,
            @Descriptor("flow id") String flow) {
        FlowRegistry r = flows;
        if (r == null) {
            return "The flow bundle is not running.";
        }
        try {
            r.attach(new FlowAttachment(trunk, did, flow));
        } catch (IllegalArgumentException e) {
            return "Not attached: " + Text.clean(e.getMessage());
        }
        LOG.info("Shell: flow {} attached to {} on trunk {}", Text.clean(flow), Text.clean(did), Text.clean(trunk));
        return "Flow " + Text.clean(flow) + " now answers " + Text.clean(did) + " on trunk " + Text.clean(trunk) + ".";
    }

    @Descriptor("detach the flow from a DID of a trunk (calls to it are then refused)")
    public String detach(@Descriptor("trunk id") String trunk, @Descriptor("DID") String did) {
        FlowRegistry r = flows;
        if (r == null) {
            return "The flow bundle is not running.";
        }
        return r.detach(trunk, did)
                ? "Detached " + Text.clean(did) + " on trunk " + Text.clean(trunk) + "."
                : "No flow is attached to " + Text.clean(did) + " on trunk " + Text.clean(trunk) + ".";
    }

    @Descriptor("list the latest conversations (20)")
    public String sessions() {
        return sessions(null);
    }

    @Descriptor("list the latest conversations (20) to a DID (+number) or whose transcript contains the text")
    public String sessions(@Descriptor("a DID such as +15550100, or text said in the call") String filter) {
        ConversationStore s = store;
        if (s == null) {
            return "The store is not running.";
        }
        boolean did = filter != null && filter.matches("\\+\\d+");
        String text = did || filter == null || filter.isBlank() ? null : filter;
        List<Conversation> found =
                s.find(new ConversationQuery(null, null, null, did ? filter : null, null, text, 0, 20));
        if (found.isEmpty()) {
            return "No conversations" + (filter == null ? "." : " match '" + Text.clean(filter) + "'.");
        }
        Text t = new Text("SESSION", "STARTED", "DID", "CALLER", "DURATION", "ENDED BY", "REASON");
        for (Conversation c : found) {
            t.row(
                    c.sessionId(),
                    Text.time(c.startedAt()),
                    c.did(),
                    c.caller(),
                    Text.duration(c.startedAt(), c.endedAt() == null ? Instant.now() : c.endedAt()),
                    c.endedBy() == null ? "(in progress)" : c.endedBy().name().toLowerCase(java.util.Locale.ROOT),
                    c.endReason());
        }
        return t.toString();
    }

    @Descriptor("show one conversation: identifiers, task path, transcript and summary")
    public String session(@Descriptor("the session id") String sessionId) {
        ConversationStore s = store;
        if (s == null) {
            return "The store is not running.";
        }
        Optional<Conversation> found = s.bySessionId(sessionId);
        if (found.isEmpty()) {
            return "No conversation has the session id '" + Text.clean(sessionId) + "'.";
        }
        Conversation c = found.get();
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        b.append("Session  ")
                .append(c.sessionId())
                .append(nl)
                .append("Call-ID  ")
                .append(Text.clean(c.callId()))
                .append(nl)
                .append("Bot      ")
                .append(c.botId())
                .append(nl)
                .append("Trunk    ")
                .append(c.trunkId())
                .append("  DID ")
                .append(c.did())
                .append("  caller ")
                .append(Text.clean(String.valueOf(c.caller())))
                .append(nl)
                .append("Started  ")
                .append(Text.time(c.startedAt()))
                .append("  ended ")
                .append(Text.time(c.endedAt()))
                .append(c.endedBy() == null ? "" : " by " + c.endedBy().name().toLowerCase(java.util.Locale.ROOT))
                .append(c.endReason() == null ? "" : " (" + Text.clean(c.endReason()) + ")")
                .append(nl)
                .append("Tasks    ")
                .append(String.join(" > ", c.taskPath()))
                .append(nl)
                .append(nl);
        List<Turn> turns = s.turns(c.sessionId(), 0, 1000);
        Text t = new Text("TIME", "WHO", "SAID");
        for (Turn turn : turns) {
            String said = turn.text() != null ? turn.text() : "";
            if (turn.digits() != null) {
                said = (said.isEmpty() ? "" : said + " ") + "[keys " + turn.digits() + "]";
            }
            t.row(
                    Text.time(turn.at()),
                    turn.direction() == org.switchboard.api.conversation.Direction.INCOMING ? "caller" : "bot",
                    said);
        }
        b.append(turns.isEmpty() ? "No turns." + nl : t.toString()).append(nl);
        ConversationSummaries sum = summaries;
        if (sum == null) {
            b.append("Summary: the summary service is not running.");
        } else {
            try {
                Summary summary = sum.summary(c.sessionId(), "en");
                b.append("Summary (").append(summary.summarizer()).append("): ").append(Text.clean(summary.text()));
            } catch (RuntimeException e) {
                b.append("Summary: not available (")
                        .append(Text.clean(String.valueOf(e.getMessage())))
                        .append(")");
            }
        }
        return b.toString();
    }

    private Optional<WorkspaceRecord> workspaceRecord() {
        WorkspaceRepository r = workspace;
        return r == null ? Optional.empty() : r.load();
    }
}

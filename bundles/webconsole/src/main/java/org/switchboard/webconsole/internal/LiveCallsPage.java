package org.switchboard.webconsole.internal;

import java.io.PrintWriter;
import java.util.List;

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
import org.switchboard.api.cluster.NodeInfo;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Live calls: this node's state (drain and undrain it), the calls in progress here with their flow node and
 * duration (hang one up or hand it to an agent), the other nodes of the cluster, and the same two actions for a call
 * held by another node, by its session id.
 */
@Component(
        service = Servlet.class,
        property = {
            "felix.webconsole.label=" + LiveCallsPage.LABEL,
            "felix.webconsole.title=Live calls",
            "felix.webconsole.category=Switchboard"
        })
public final class LiveCallsPage extends ConsolePage {

    static final String LABEL = "switchboard-calls";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveCallsPage.class);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile LiveCalls live;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Cluster cluster;

    @Override
    void render(HttpServletRequest request, PrintWriter out, String root) {
        LiveCalls l = live;
        if (l == null) {
            out.print("<p class=\"sb-msg sb-err\">The SIP bundle is not running: no calls are known.</p>");
            return;
        }
        List<LiveCalls.LiveCall> calls = l.calls();
        Cluster c = cluster;
        String id = c == null ? "this node" : "Node " + c.localNodeId();
        out.print("<div id=\"sb-node\">" + Html.h(id)
                + (l.draining()
                        ? " is <strong>draining</strong>: new calls are " + "refused"
                                + (calls.isEmpty() ? "; no call is left, it can be stopped. " : ". ")
                        : " takes calls. ")
                + (l.draining()
                        ? button(request, root, "Undrain", null, "action", "undrain")
                        : button(
                                request,
                                root,
                                "Drain",
                                "Refuse new calls on this node while its calls finish?",
                                "action",
                                "drain"))
                + "</div>");
        out.print("<p>" + calls.size() + " call(s) in progress. <a href=\"" + Html.a(root) + "\">refresh</a></p>");
        if (!calls.isEmpty()) {
            table(request, out, root, calls);
        }
        if (c != null) {
            cluster(request, out, root, c);
        }
    }

    private void cluster(HttpServletRequest request, PrintWriter out, String root, Cluster c) {
        List<NodeInfo> nodes;
        try {
            nodes = c.nodes();
        } catch (RuntimeException e) {
            out.print("<p class=\"sb-msg sb-err\">The cluster cannot be read: " + Html.h(e.getMessage()) + "</p>");
            return;
        }
        if (nodes.size() < 2) {
            return;
        }
        out.print("<h3>Cluster</h3><table class=\"sb-table\" id=\"sb-nodes\"><thead><tr><th>Node</th><th>State</th>"
                + "<th>Calls</th><th>Last seen (UTC)</th><th>SIP</th></tr></thead><tbody>");
        for (NodeInfo n : nodes) {
            out.print("<tr><td>" + Html.h(n.id() + (n.local() ? " (this node)" : "")) + "</td><td>" + Html.h(n.state())
                    + "</td><td>" + n.calls() + "</td><td>" + Html.time(n.lastSeen()) + "</td><td>"
                    + Html.h(n.sipAddress()) + "</td></tr>");
        }
        out.print("</tbody></table><div id=\"sb-remote\">A call on another node, by its session id (see Interactions): "
                + form(
                        request,
                        root,
                        "sb-inline",
                        "<input name=\"session\" size=\"26\" pattern=\"[0-9a-f]{24}\" "
                                + "required> <button type=\"submit\" name=\"action\" value=\"hangup\">Hang up</button> "
                                + "<button type=\"submit\" name=\"action\" value=\"transfer\">Transfer to agent</button>")
                + "</div>");
    }

    private static void table(
            HttpServletRequest request, PrintWriter out, String root, List<LiveCalls.LiveCall> calls) {
        String interactions = root.substring(0, root.lastIndexOf('/') + 1) + InteractionsPage.LABEL;
        out.print("<table class=\"sb-table\" id=\"sb-calls\"><thead><tr><th>Started (UTC)</th><th>Trunk</th><th>DID"
                + "</th><th>Caller</th><th>Flow</th><th>Node</th><th>Answered</th><th>Duration</th><th>Session</th>"
                + "<th>Actions</th></tr></thead><tbody>");
        for (LiveCalls.LiveCall c : calls) {
            out.print("<tr data-session=\"" + Html.a(c.sessionId()) + "\"><td>" + Html.time(c.startedAt())
                    + "</td><td>" + Html.h(c.trunkId()) + "</td><td>" + Html.h(c.did()) + "</td><td>"
                    + Html.h(c.caller()) + "</td><td>" + Html.h(c.flowId()) + "</td><td>" + Html.h(c.node())
                    + "</td><td>" + (c.answered() ? "yes" : "no") + "</td><td>"
                    + Html.duration(c.startedAt(), null) + "</td><td><a class=\"sb-id\" href=\""
                    + Html.a(interactions + "?session=" + Html.u(c.sessionId())) + "\">" + Html.h(c.sessionId())
                    + "</a></td><td>"
                    + button(
                            request,
                            root,
                            "Hang up",
                            "Hang up the call from " + c.caller() + "?",
                            "action",
                            "hangup",
                            "session",
                            c.sessionId())
                    + button(
                            request,
                            root,
                            "Transfer to agent",
                            "Hand the call from " + c.caller() + " to an agent?",
                            "action",
                            "transfer",
                            "session",
                            c.sessionId())
                    + "</td></tr>");
        }
        out.print("</tbody></table>");
    }

    @Override
    Outcome act(HttpServletRequest request) {
        String action = param(request, "action");
        String session = param(request, "session");
        LiveCalls l = live;
        if (l == null) {
            return Outcome.failed("", "The SIP bundle is not running: no calls are known.");
        }
        if ("drain".equals(action) || "undrain".equals(action)) {
            if ("drain".equals(action)) {
                l.drain();
            } else {
                l.undrain();
            }
            LOG.info(
                    "Console: node {} by {}",
                    "drain".equals(action) ? "drained" : "undrained",
                    request.getRemoteUser() == null ? "the console" : request.getRemoteUser());
            return Outcome.ok(
                    "",
                    "drain".equals(action)
                            ? "Draining: new calls are refused while the calls in " + "progress finish."
                            : "Taking calls again.");
        }
        if (session == null || !("hangup".equals(action) || "transfer".equals(action))) {
            return Outcome.failed("", "Unknown action.");
        }
        String who = request.getRemoteUser() == null ? "the console" : "the console (" + request.getRemoteUser() + ")";
        boolean done = "hangup".equals(action)
                ? l.hangup(session, "hung up from " + who)
                : l.transferToAgent(session, "transferred from " + who);
        Cluster c = cluster;
        if (!done && c != null) {
            ActionResult r = c.act(
                    session,
                    "hangup".equals(action) ? CallAction.HANG_UP : CallAction.TRANSFER_TO_AGENT,
                    ("hangup".equals(action) ? "hung up from " : "transferred from ") + who);
            if (r.outcome() == ActionResult.Outcome.NODE_DOWN || r.outcome() == ActionResult.Outcome.NO_ANSWER) {
                return Outcome.failed("", r.message() + ".");
            }
            if (r.outcome() == ActionResult.Outcome.NO_SUCH_CALL) {
                return Outcome.failed(
                        "", "Call " + session + " is no longer in progress: it has ended (see " + "Interactions).");
            }
            LOG.info(
                    "Console: call {} on node {} {} by {}",
                    session,
                    r.nodeId(),
                    "hangup".equals(action) ? "hung up" : "handed to an agent",
                    who);
            return Outcome.ok("", r.message() + ".");
        }
        if (!done) {
            return Outcome.failed(
                    "", "Call " + session + " is no longer in progress: it has ended (see " + "Interactions).");
        }
        LOG.info("Console: call {} {} by {}", session, "hangup".equals(action) ? "hung up" : "handed to an agent", who);
        return Outcome.ok(
                "",
                "hangup".equals(action)
                        ? "Hanging up call " + session + "."
                        : "Handing call " + session + " to an agent.");
    }
}

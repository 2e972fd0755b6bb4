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

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/** Live calls: the calls in progress with their flow node and duration; hang one up or hand it to an agent. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + LiveCallsPage.LABEL,
    "felix.webconsole.title=Live calls", "felix.webconsole.category=Switchboard"})
public final class LiveCallsPage extends ConsolePage {

    static final String LABEL = "switchboard-calls";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveCallsPage.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile LiveCalls live;

    @Override
    void render(HttpServletRequest request, PrintWriter out, String root) {
        LiveCalls l = live;
        if (l == null) {
            out.print("<p class=\"sb-msg sb-err\">The SIP bundle is not running: no calls are known.</p>");
            return;
        }
        List<LiveCalls.LiveCall> calls = l.calls();
        out.print("<p>" + calls.size() + " call(s) in progress. <a href=\"" + Html.a(root) + "\">refresh</a></p>");
        if (calls.isEmpty()) {
            return;
        }
        String interactions = root.substring(0, root.lastIndexOf('/') + 1) + InteractionsPage.LABEL;
        out.print("<table class=\"sb-table\" id=\"sb-calls\"><thead><tr><th>Started (UTC)</th><th>Trunk</th><th>DID"
                + "</th><th>Caller</th><th>Flow</th><th>Node</th><th>Answered</th><th>Duration</th><th>Session</th>"
                + "<th>Actions</th></tr></thead><tbody>");
        for (LiveCalls.LiveCall c : calls) {
            out.print("<tr data-session=\"" + Html.a(c.sessionId()) + "\"><td>" + Html.time(c.startedAt())
                    + "</td><td>" + Html.h(c.trunkId()) + "</td><td>" + Html.h(c.did()) + "</td><td>"
                    + Html.h(c.caller()) + "</td><td>" + Html.h(c.flowId()) + "</td><td>" + Html.h(c.node())
                    + "</td><td>" + (c.answered() ? "yes" : "no") + "</td><td>"
                    + Html.duration(c.startedAt(), null) + "</td><td><a class=\"sb-id\" href=\"" + Html.a(interactions
                    + "?session=" + Html.u(c.sessionId())) + "\">" + Html.h(c.sessionId()) + "</a></td><td>"
                    + button(request, root, "Hang up", "Hang up the call from " + c.caller() + "?", "action",
                            "hangup", "session", c.sessionId())
                    + button(request, root, "Transfer to agent", "Hand the call from " + c.caller()
                            + " to an agent?", "action", "transfer", "session", c.sessionId())
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
        if (session == null || !("hangup".equals(action) || "transfer".equals(action))) {
            return Outcome.failed("", "Unknown action.");
        }
        String who = request.getRemoteUser() == null ? "the console" : "the console (" + request.getRemoteUser() + ")";
        boolean done = "hangup".equals(action) ? l.hangup(session, "hung up from " + who)
                : l.transferToAgent(session, "transferred from " + who);
        if (!done) {
            return Outcome.failed("", "Call " + session + " is no longer in progress: it has ended (see "
                    + "Interactions).");
        }
        LOG.info("Console: call {} {} by {}", session, "hangup".equals(action) ? "hung up" : "handed to an agent", who);
        return Outcome.ok("", "hangup".equals(action) ? "Hanging up call " + session + "."
                : "Handing call " + session + " to an agent.");
    }
}

package org.switchboard.webconsole.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Dictionary;
import java.util.Optional;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.flow.FlowRegistry;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.FlowRecord;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/** Trunks and DIDs: each trunk with the SIP URI to give the contact center, its peers and DIDs; attach and detach. */
@Component(
        service = Servlet.class,
        property = {
            "felix.webconsole.label=" + TrunksPage.LABEL,
            "felix.webconsole.title=Trunks & DIDs",
            "felix.webconsole.category=Switchboard"
        })
public final class TrunksPage extends ConsolePage {

    static final String LABEL = "switchboard-trunks";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TrunksPage.class);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile WorkspaceRepository workspace;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile FlowRegistry registry;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConfigurationAdmin configAdmin;

    @Override
    void render(HttpServletRequest request, PrintWriter out, String root) {
        WorkspaceRepository r = workspace;
        Optional<WorkspaceRecord> loaded = workspace(r);
        if (loaded.isEmpty()) {
            out.print("<p class=\"sb-msg sb-err\">No workspace is stored (is the store running?).</p>");
            return;
        }
        WorkspaceRecord w = loaded.get();
        for (TrunkRecord t : w.trunks()) {
            out.print("<h2 id=\"trunk-" + Html.a(t.id()) + "\">Trunk " + Html.h(t.id())
                    + (t.name() == null ? "" : " &middot; " + Html.h(t.name())) + "</h2>"
                    + "<table class=\"sb-table sb-ids\"><tr><td>Adapter</td><td>" + Html.h(t.adapter()) + "</td></tr>"
                    + "<tr><td>Transport</td><td>" + Html.h(t.transport()) + (t.inbound() ? ", inbound" : "")
                    + (t.outbound() ? ", outbound" : "") + "</td></tr><tr><td>Media</td><td class=\"sb-srtp\">"
                    + (t.srtpRequired() ? "SRTP required" : "SRTP when offered, else RTP") + "</td></tr>"
                    + "<tr><td>Authentication</td><td class=\"sb-auth\">"
                    + (t.auth() == null
                            ? "by address only"
                            : "digest as " + Html.h(t.auth().username()) + " in realm "
                                    + Html.h(t.auth().realm()) + " ("
                                    + Html.h(String.join(", ", t.auth().algorithms())) + ")")
                    + "</td></tr><tr><td>Peers</td><td>"
                    + Html.h(String.join(", ", t.peers()))
                    + (t.fqdn() == null ? "" : " " + Html.h(t.fqdn()) + " (" + Html.h(t.resolve()) + ")")
                    + "</td></tr><tr><td>Limits</td><td class=\"sb-limits\">"
                    + limit(t.maxCalls(), "calls at once") + ", " + limit(t.maxCallsPerSecond(), "new calls per second")
                    + "</td></tr></table>");
            out.print("<table class=\"sb-table sb-dids\" data-trunk=\"" + Html.a(t.id()) + "\"><thead><tr><th>DID</th>"
                    + "<th>SIP URI to give the contact center</th><th>Flow</th><th>Actions</th></tr></thead><tbody>");
            for (String did : t.dids()) {
                String flow = w.attachments().stream()
                        .filter(a -> a.trunkId().equals(t.id()) && a.did().equals(did))
                        .map(FlowAttachment::flowId)
                        .findFirst()
                        .orElse(null);
                String uri = sipUri(t, did);
                out.print("<tr data-did=\"" + Html.a(did) + "\"><td>" + Html.h(did) + "</td><td><span class=\"sb-id\">"
                        + Html.h(uri) + "</span><button type=\"button\" class=\"sb-copy\" data-copy=\"" + Html.a(uri)
                        + "\">copy</button></td><td class=\"sb-flow\">"
                        + (flow == null ? "<em>none: calls are refused</em>" : Html.h(flow)) + "</td><td>"
                        + attachForm(request, root, w, t.id(), did, flow)
                        + (flow == null
                                ? ""
                                : button(
                                        request, root, "Detach", null, "action", "detach", "trunk", t.id(), "did", did))
                        + "</td></tr>");
            }
            out.print("</tbody></table>");
        }
        if (w.trunks().isEmpty()) {
            out.print("<p class=\"sb-muted\">No trunks are defined; import a workspace on the Flows page.</p>");
        }
    }

    private static String limit(int value, String what) {
        return value == 0 ? "no limit of its own on " + what : value + " " + what;
    }

    private static String attachForm(
            HttpServletRequest request, String root, WorkspaceRecord w, String trunk, String did, String current) {
        StringBuilder b = new StringBuilder(Html.hidden("action", "attach") + Html.hidden("trunk", trunk)
                + Html.hidden("did", did) + "<select name=\"flow\" aria-label=\"flow\">");
        for (FlowRecord f : w.flows()) {
            b.append("<option value=\"")
                    .append(Html.a(f.id()))
                    .append('"')
                    .append(f.id().equals(current) ? " selected" : "")
                    .append('>')
                    .append(Html.h(f.id()))
                    .append("</option>");
        }
        return form(
                request,
                root,
                "sb-inline sb-attach",
                b.append("</select><button type=\"submit\">Attach</button>").toString());
    }

    /** The trunk's own SIP URI with the DID as its user part, or one built from the SIP listener's address and the trunk's transport. */
    String sipUri(TrunkRecord t, String did) {
        if (t.sipUri() != null && !t.sipUri().isBlank()) {
            return t.sipUri()
                    .trim()
                    .replaceFirst("^(sips?:)([^@;]*@)?", "$1" + java.util.regex.Matcher.quoteReplacement(did) + "@");
        }
        String address = "127.0.0.1";
        String port = "tls".equals(t.transport()) ? "5061" : "5060";
        ConfigurationAdmin ca = configAdmin;
        if (ca != null) {
            try {
                Configuration[] c = ca.listConfigurations("(service.pid=org.switchboard.sip)");
                if (c != null && c.length > 0) {
                    Dictionary<String, Object> p = c[0].getProperties();
                    address = value(p, "address", address);
                    port = value(p, "tcp".equals(t.transport()) ? "tcp.port" : "udp.port", port);
                }
            } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
                LOG.warn("Console: the SIP configuration cannot be read: {}", e.toString());
            }
        }
        String scheme = "tls".equals(t.transport()) ? "sips:" : "sip:";
        return scheme + did + "@" + address + ":" + port + ("tcp".equals(t.transport()) ? ";transport=tcp" : "");
    }

    private static String value(Dictionary<String, Object> p, String key, String fallback) {
        Object v = p == null ? null : p.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
    }

    @Override
    Outcome act(HttpServletRequest request) {
        FlowRegistry r = registry;
        if (r == null) {
            return Outcome.failed("", "The flow bundle is not running: attachments cannot change.");
        }
        String action = param(request, "action");
        String trunk = param(request, "trunk");
        String did = param(request, "did");
        String flow = param(request, "flow");
        if ("attach".equals(action) && trunk != null && did != null && flow != null) {
            try {
                r.attach(new FlowAttachment(trunk, did, flow));
            } catch (IllegalArgumentException e) {
                return Outcome.failed("", "Not attached: " + e.getMessage());
            }
            LOG.info("Console: flow {} attached to {} on trunk {}", flow, did, trunk);
            return Outcome.ok("", "Flow " + flow + " now answers " + did + " on trunk " + trunk + ".");
        }
        if ("detach".equals(action) && trunk != null && did != null) {
            if (!r.detach(trunk, did)) {
                return Outcome.failed("", "No flow is attached to " + did + " on trunk " + trunk + ".");
            }
            LOG.info("Console: flow detached from {} on trunk {}", did, trunk);
            return Outcome.ok("", "Detached " + did + " on trunk " + trunk + ": its calls are now refused.");
        }
        return Outcome.failed("", "Unknown action.");
    }
}

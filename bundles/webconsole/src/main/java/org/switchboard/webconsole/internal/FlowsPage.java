package org.switchboard.webconsole.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.flow.FlowRegistry;
import org.switchboard.api.store.FlowRecord;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Flows: the workspace's flows with the DIDs they answer; one flow as a drawing, its nodes and its document; a
 * workspace document checked or imported (all or nothing, as the admin API does).
 */
@Component(
        service = Servlet.class,
        property = {
            "felix.webconsole.label=" + FlowsPage.LABEL,
            "felix.webconsole.title=Flows",
            "felix.webconsole.category=Switchboard"
        })
public final class FlowsPage extends ConsolePage {

    static final String LABEL = "switchboard-flows";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FlowsPage.class);
    private static final String PROBLEMS = "sb.flows.problems";
    private static final String DOCUMENT = "sb.flows.document";
    private static final String CHECKED = "sb.flows.checked";

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

    @Override
    void render(HttpServletRequest request, PrintWriter out, String root) {
        WorkspaceRepository r = workspace;
        Optional<WorkspaceRecord> loaded = workspace(r);
        String flowId = param(request, "flow");
        if (flowId != null && request.getAttribute(DOCUMENT) == null) {
            out.print("<p><a href=\"" + Html.a(root) + "\">&laquo; all flows</a></p>");
            Optional<FlowRecord> flow = loaded.flatMap(
                    w -> w.flows().stream().filter(f -> f.id().equals(flowId)).findFirst());
            if (flow.isEmpty()) {
                out.print("<p class=\"sb-msg sb-err\">There is no flow '" + Html.h(flowId) + "'.</p>");
            } else {
                flow(out, loaded.get(), flow.get());
            }
            return;
        }
        if (loaded.isEmpty()) {
            out.print("<p class=\"sb-msg sb-err\">No workspace is stored (is the store running?).</p>");
        } else {
            list(out, root, loaded.get());
        }
        importForm(request, out, root);
    }

    private static void list(PrintWriter out, String root, WorkspaceRecord w) {
        out.print("<table class=\"sb-table\" id=\"sb-flows\"><thead><tr><th>Flow</th><th>Name</th><th>Bot</th>"
                + "<th>Nodes</th><th>Answers</th></tr></thead><tbody>");
        for (FlowRecord f : w.flows()) {
            int nodes;
            try {
                nodes = FlowGraph.nodes(JsonParser.parseString(f.document()).getAsJsonObject())
                        .size();
            } catch (RuntimeException e) {
                nodes = -1;
            }
            List<String> dids = w.attachments().stream()
                    .filter(a -> a.flowId().equals(f.id()))
                    .map(a -> a.trunkId() + " " + a.did())
                    .toList();
            out.print(
                    "<tr data-flow=\"" + Html.a(f.id()) + "\"><td><a href=\"" + Html.a(root + "?flow=" + Html.u(f.id()))
                            + "\">" + Html.h(f.id()) + "</a></td><td>" + Html.h(f.name()) + "</td><td>"
                            + Html.h(f.botId()) + "</td><td>" + (nodes < 0 ? "?" : nodes) + "</td><td>"
                            + (dids.isEmpty()
                                    ? "<span class=\"sb-muted\">not attached</span>"
                                    : Html.h(String.join(", ", dids)))
                            + "</td></tr>");
        }
        out.print("</tbody></table>");
    }

    private static void flow(PrintWriter out, WorkspaceRecord w, FlowRecord f) {
        out.print("<h2>" + Html.h(f.id()) + " &middot; " + Html.h(f.name()) + "</h2><p>Bot " + Html.h(f.botId())
                + "; answers "
                + Html.h(String.join(
                        ", ",
                        w.attachments().stream()
                                .filter(a -> a.flowId().equals(f.id()))
                                .map(a -> a.trunkId() + " " + a.did())
                                .toList()))
                + "</p>");
        try {
            out.print("<div id=\"sb-graph\">" + FlowGraph.draw(f.document()) + "</div>");
            out.print("<h2>Nodes</h2><table class=\"sb-table\" id=\"sb-nodes\"><thead><tr><th>Node</th><th>Type</th>"
                    + "<th>Next</th></tr></thead><tbody>");
            for (FlowGraph.Node n :
                    FlowGraph.nodes(JsonParser.parseString(f.document()).getAsJsonObject())) {
                StringBuilder next = new StringBuilder();
                n.next()
                        .forEach((k, v) -> next.append(Html.h(k))
                                .append(" &rarr; ")
                                .append(Html.h(v))
                                .append("<br>"));
                out.print("<tr><td>" + Html.h(n.id()) + "</td><td>" + Html.h(n.type()) + "</td><td>" + next
                        + "</td></tr>");
            }
            out.print("</tbody></table>");
            String pretty = new GsonBuilder()
                    .setPrettyPrinting()
                    .disableHtmlEscaping()
                    .create()
                    .toJson(JsonParser.parseString(f.document()));
            out.print("<h2>Document</h2><pre class=\"sb-json\" id=\"sb-document\">" + Html.h(pretty) + "</pre>");
        } catch (JsonParseException | IllegalStateException e) {
            out.print("<p class=\"sb-msg sb-err\">The stored document cannot be drawn: " + Html.h(e.getMessage())
                    + "</p>");
        }
    }

    private void importForm(HttpServletRequest request, PrintWriter out, String root) {
        out.print(
                "<h2>Check or import a workspace</h2><p class=\"sb-muted\">A workspace document (bots, trunks, flows, "
                        + "attachments) replaces everything at once, and only when it has no problem; calls in progress keep "
                        + "their flow. <a href=\"#\" id=\"sb-current\">Start from the workspace in force</a>.</p>");
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) request.getAttribute(PROBLEMS);
        if (problems != null) {
            if (problems.isEmpty()) {
                out.print(
                        "<p class=\"sb-msg sb-ok\" id=\"sb-check\">" + Html.h(request.getAttribute(CHECKED)) + "</p>");
            } else {
                out.print("<div class=\"sb-msg sb-err\" id=\"sb-check\"><p>" + problems.size()
                        + " problem(s); nothing was changed:</p><ul>");
                problems.forEach(p -> out.print("<li>" + Html.h(p) + "</li>"));
                out.print("</ul></div>");
            }
        }
        Object doc = request.getAttribute(DOCUMENT);
        FlowRegistry r = registry;
        String current = r == null ? "" : r.exportWorkspace();
        out.print(form(
                request,
                root,
                "sb-import",
                "<p><input type=\"file\" id=\"sb-docfile\" accept=\".json,"
                        + "application/json\"> or paste:</p><textarea class=\"sb-doc\" name=\"document\" id=\"sb-doc\">"
                        + Html.h(doc == null ? "" : doc) + "</textarea><textarea hidden id=\"sb-doc-current\">"
                        + Html.h(current)
                        + "</textarea><p><button type=\"submit\" name=\"action\" value=\"check\" id=\"sb-check-btn\">Check"
                        + "</button> <button type=\"submit\" name=\"action\" value=\"import\" id=\"sb-import-btn\" "
                        + "data-confirm=\"Replace the whole workspace with this document?\">Import</button></p>"));
    }

    @Override
    Outcome act(HttpServletRequest request) {
        FlowRegistry r = registry;
        if (r == null) {
            return Outcome.failed("", "The flow bundle is not running: nothing can be checked or imported.");
        }
        String action = param(request, "action");
        String document = request.getParameter("document");
        if (document == null || document.isBlank()) {
            return Outcome.failed("", "Paste or choose a workspace document first.");
        }
        if (!"check".equals(action) && !"import".equals(action)) {
            return Outcome.failed("", "Unknown action.");
        }
        List<String> problems = "check".equals(action) ? r.checkWorkspace(document) : r.importWorkspace(document);
        if ("import".equals(action) && problems.isEmpty()) {
            LOG.info("Console: workspace imported ({} characters)", document.length());
            return Outcome.ok("", "Workspace imported.");
        }
        request.setAttribute(PROBLEMS, problems);
        request.setAttribute(DOCUMENT, document);
        request.setAttribute(CHECKED, "The document has no problems; import it to put it in force.");
        return null;
    }
}

package org.switchboard.webconsole.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Switchboard page of the Web Console: the console draws the header and navigation, the page its content. Actions
 * are POSTs checked by {@link Csrf}; each ends in a redirect to a page that shows its outcome (so reloading never
 * repeats an action).
 */
abstract class ConsolePage extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePage.class);

    /** Where an action leads: a query of this page (without {@code ?}) and the message to show there. */
    record Outcome(String query, boolean ok, String message) {

        static Outcome ok(String query, String message) {
            return new Outcome(query, true, message);
        }

        static Outcome failed(String query, String message) {
            return new Outcome(query, false, message);
        }
    }

    /** Writes the page's content. */
    abstract void render(HttpServletRequest request, PrintWriter out, String root) throws IOException;

    /**
     * Carries out the action a POST asks for; {@code null} when the page shows the outcome itself (the console then
     * draws the page for the POST, through {@link #render}).
     */
    Outcome act(HttpServletRequest request) throws IOException {
        return Outcome.failed("", "This page has no actions.");
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        out.print(Assets.STYLE);
        String message = request.getParameter("msg");
        if (message != null && !message.isBlank()) {
            boolean ok = !"0".equals(request.getParameter("ok"));
            out.print("<p class=\"sb-msg " + (ok ? "sb-ok" : "sb-err") + "\" role=\"status\">" + Html.h(message)
                    + "</p>");
        }
        try {
            render(request, out, root(request));
        } catch (RuntimeException e) {
            LOG.error("Console page {} failed: {}", getClass().getSimpleName(), e.toString(), e);
            out.print("<p class=\"sb-msg sb-err\">This page could not be drawn: " + Html.h(e.getMessage())
                    + " (see the log).</p>");
        }
        out.print(Assets.SCRIPT);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refused(request, response)) {
            return;
        }
        Outcome outcome;
        try {
            outcome = act(request);
        } catch (RuntimeException e) {
            LOG.error("Console action of {} failed: {}", getClass().getSimpleName(), e.toString(), e);
            outcome = Outcome.failed("", "The action failed: " + e.getMessage());
        }
        if (outcome == null) {
            return;
        }
        String query = outcome.query() == null || outcome.query().isEmpty() ? "" : outcome.query() + "&";
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                root(request) + "?" + query + "ok=" + (outcome.ok() ? "1" : "0") + "&msg=" + Html.u(outcome.message()));
    }

    /** Answers 403 and returns true when {@link Csrf} refuses the request. */
    boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String refusal = Csrf.refusal(request);
        if (refusal == null) {
            return false;
        }
        LOG.warn(
                "Console: refused a {} action from {}: {}",
                getClass().getSimpleName(),
                request.getRemoteAddr(),
                refusal);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("Refused: " + refusal + ".");
        return true;
    }

    /** The stored workspace, or empty when the store is away or holds none. */
    static Optional<WorkspaceRecord> workspace(WorkspaceRepository repository) {
        return repository == null ? Optional.empty() : repository.load();
    }

    static String root(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root != null ? root.toString() : request.getContextPath() + request.getServletPath();
    }

    /** A POST form with the security token; {@code body} holds the fields and buttons. */
    static String form(HttpServletRequest request, String root, String cssClass, String body) {
        return "<form method=\"post\" action=\"" + Html.a(root) + "\" class=\"" + Html.a(cssClass) + "\">"
                + Csrf.field(request) + body + "</form>";
    }

    /** A button that posts one action with hidden fields given as name, value pairs. */
    static String button(HttpServletRequest request, String root, String label, String confirm, String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            b.append(Html.hidden(fields[i], fields[i + 1]));
        }
        b.append("<button type=\"submit\"")
                .append(confirm == null ? "" : " data-confirm=\"" + Html.a(confirm) + "\"")
                .append(">")
                .append(Html.h(label))
                .append("</button>");
        return form(request, root, "sb-inline", b.toString());
    }

    static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}

package org.switchboard.webconsole.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.deploy.Deployments;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Deployments: what the deploy directory did with each file (installed, replaced, refused, failed to start), and
 * the upload of a bundle into it; an upload that is not a bundle is refused with the reason.
 */
@Component(
        service = Servlet.class,
        property = {
            "felix.webconsole.label=" + DeployPage.LABEL,
            "felix.webconsole.title=Deployments",
            "felix.webconsole.category=Switchboard"
        })
public final class DeployPage extends ConsolePage {

    static final String LABEL = "switchboard-deploy";
    static final int MAX_UPLOAD = 256 * 1024 * 1024;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeployPage.class);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Deployments deployments;

    @Override
    void render(HttpServletRequest request, PrintWriter out, String root) {
        Deployments d = deployments;
        if (d == null) {
            out.print("<p class=\"sb-msg sb-err\">The deploy directory is not watched (is the runtime bundle "
                    + "running?).</p>");
            return;
        }
        out.print("<p>Bundles dropped into <code id=\"sb-deploy-dir\">" + Html.h(d.directory()) + "</code> are "
                + "installed and started; a newer version replaces the running one only once it has started; removing "
                + "the file uninstalls it.</p>");
        out.print("<form id=\"sb-upload\" action=\"" + Html.a(root) + "\">" + Csrf.field(request)
                + "<input type=\"file\" name=\"bundle\" accept=\".jar\"> <button type=\"submit\">Upload</button></form>"
                + "<p id=\"sb-upload-result\" role=\"status\"></p>");
        List<Deployments.Outcome> outcomes = d.outcomes();
        out.print("<h2>Latest</h2><p><a href=\"" + Html.a(root) + "\">refresh</a></p>");
        if (outcomes.isEmpty()) {
            out.print("<p class=\"sb-muted\">Nothing happened in the deploy directory since the start.</p>");
            return;
        }
        out.print("<table class=\"sb-table\" id=\"sb-outcomes\"><thead><tr><th>Time (UTC)</th><th>File</th><th>Result"
                + "</th><th>What happened</th></tr></thead><tbody>");
        for (Deployments.Outcome o : outcomes) {
            out.print("<tr class=\"" + (o.ok() ? "sb-done" : "sb-failed") + "\"><td>" + Html.time(o.at()) + "</td><td>"
                    + Html.h(o.file()) + "</td><td>" + (o.ok() ? "ok" : "<strong>failed</strong>") + "</td><td>"
                    + Html.h(o.message()) + "</td></tr>");
        }
        out.print("</tbody></table>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader("X-File-Name") == null) {
            super.doPost(request, response);
            return;
        }
        if (refused(request, response)) {
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        Deployments d = deployments;
        if (d == null) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.getWriter().print("The deploy directory is not watched (is the runtime bundle running?).");
            return;
        }
        String name = URLDecoder.decode(request.getHeader("X-File-Name"), StandardCharsets.UTF_8);
        if (request.getContentLengthLong() > MAX_UPLOAD) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.getWriter().print("Refused: the file is larger than " + MAX_UPLOAD / 1024 / 1024 + " MiB.");
            return;
        }
        byte[] content;
        try (InputStream in = request.getInputStream()) {
            content = in.readNBytes(MAX_UPLOAD + 1);
        }
        if (content.length > MAX_UPLOAD) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.getWriter().print("Refused: the file is larger than " + MAX_UPLOAD / 1024 / 1024 + " MiB.");
            return;
        }
        try {
            String written = d.upload(name, content);
            response.getWriter()
                    .print("Accepted " + written + ": the deploy directory installs it within a few "
                            + "seconds; refresh to see the outcome.");
        } catch (IllegalArgumentException e) {
            LOG.warn("Console: upload refused: {}", e.getMessage().replaceAll("\\p{Cntrl}", "?"));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.getWriter().print("Refused: " + e.getMessage());
        } catch (UncheckedIOException e) {
            LOG.error("Console: upload failed: {}", e.getMessage());
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.getWriter().print("The file could not be written: " + e.getMessage());
        }
    }
}
